namespace Dps.IntegrationTests.Examples;

/// <summary>The README's DPS plug-in snippets are the compiled example code, verbatim.</summary>
public sealed class ReadmeSnippetTests
{
    [TestCase("DpsEmbeddingExample.cs", "// README begin", "// README end")]
    [TestCase("DpsDependencyInjectionExample.cs", "// README DI begin", "// README DI end")]
    public void Readme_Snippet_MatchesTheCompiledExample(string file, string begin, string end)
    {
        var root = FindRepositoryRoot();
        var source = File.ReadAllText(Path.Combine(root, "tests", "Dps.IntegrationTests", "Examples", file)).ReplaceLineEndings("\n");
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var start = source.IndexOf(begin, StringComparison.Ordinal);
        var stop = source.IndexOf(end, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0).And.LessThan(stop), "markers in the example");
        var body = source[(source.IndexOf('\n', start) + 1)..source.LastIndexOf('\n', stop)];
        var snippet = string.Join('\n', body.Split('\n').Select(line => line.StartsWith("        ", StringComparison.Ordinal) ? line[8..] : line)).TrimEnd() + "\n";

        Assert.That(readme, Does.Contain("```csharp\n").And.Contain(snippet));
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dps.sln")) && File.Exists(Path.Combine(directory.FullName, "README.md")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (Dps.sln) is not above " + AppContext.BaseDirectory);
    }
}
