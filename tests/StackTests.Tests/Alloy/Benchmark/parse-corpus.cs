#:project ../../../../src/StackTests.Alloy/StackTests.Alloy.csproj
#:property PublishAot=false

// Parse-time benchmark over the shared Alloy corpus (not a test: figures only).
//   dotnet run -c Release --artifacts-path .art/bench tests/StackTests.Tests/Alloy/Benchmark/parse-corpus.cs [corpus folder] [rounds]
// (run from the repository root; the corpus defaults to ../shared/corpus/alloy)
// Each file is parsed once to warm up, then `rounds` times; the median per file is reported.
using System.Diagnostics;
using StackTests.Alloy.Graph;
using StackTests.Alloy.Syntax;

var folder = args.Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), "..", "shared", "corpus", "alloy"));
var rounds = args.Length > 1 ? int.Parse(args[1]) : 200;
if (!Directory.Exists(folder))
{
    Console.Error.WriteLine($"corpus folder not found: {folder}");
    return 2;
}

var files = Directory.GetFiles(folder, "*.alloy", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
    .Select(f => (Path: f, Text: File.ReadAllText(f))).ToList();
var rows = new List<(string Name, int Bytes, double MedianMicros)>();
foreach (var (path, text) in files)
{
    AlloyParser.Parse(path, text); // warm-up
    var samples = new double[rounds];
    for (var i = 0; i < rounds; i++)
    {
        var watch = Stopwatch.StartNew();
        var result = AlloyParser.Parse(path, text);
        if (result.Succeeded) ComponentGraph.Build(result.Document);
        samples[i] = watch.Elapsed.TotalMicroseconds;
    }
    Array.Sort(samples);
    rows.Add((Path.GetRelativePath(folder, path), text.Length, samples[rounds / 2]));
}

foreach (var row in rows.OrderByDescending(r => r.MedianMicros).Take(10))
    Console.WriteLine($"{row.MedianMicros,10:F1} us  {row.Bytes,7} chars  {row.Name}");
var totalMicros = rows.Sum(r => r.MedianMicros);
var totalBytes = rows.Sum(r => r.Bytes);
Console.WriteLine($"{rows.Count} files, {totalBytes} chars: {totalMicros / 1000:F2} ms per pass over the corpus (sum of medians), " +
    $"{totalMicros / rows.Count:F1} us per file on average, {totalBytes / totalMicros:F1} chars/us; parse + component graph, {rounds} rounds");
return 0;
