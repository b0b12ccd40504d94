using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Running;
using Kalm.Shield.Benchmarks;

// `corpus FILE [MB]` writes the JSON Lines corpus the CLI is timed on; anything else goes to BenchmarkDotNet.
if (args is ["corpus", var path, ..])
{
    var megabytes = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 8;
    await using var output = new StreamWriter(path, append: false, new UTF8Encoding(false));
    var chat = Messages.Chat(2000, seed: 11);
    var mails = Messages.Mails(200, seed: 12).Select(m => new Message(m, "nl")).ToArray();
    var random = new Random(13);
    long written = 0;
    for (var id = 1; written < megabytes * 1024L * 1024L; id++)
    {
        // Nine in ten messages are chat lines, one in ten a mail: roughly a support team's day.
        var message = random.Next(10) == 0 ? mails[random.Next(mails.Length)] : chat[random.Next(chat.Length)];
        var line = JsonSerializer.Serialize(new { id, text = message.Text, lang = message.Language });
        await output.WriteLineAsync(line);
        written += Encoding.UTF8.GetByteCount(line) + 1;
    }

    Console.WriteLine($"wrote {written} bytes to {path}");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Messages).Assembly).Run(args);
