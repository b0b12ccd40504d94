using Kalm.Shield.Cli;

using var stdin = Console.OpenStandardInput();
using var stdout = Console.OpenStandardOutput();
return ShieldCli.Run(args, stdin, stdout, Console.Error);
