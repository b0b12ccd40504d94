Console.Error.WriteLine("usage: kalm-shield analyze|eval");
return 2;
