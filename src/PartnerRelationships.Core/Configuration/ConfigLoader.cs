using System;
using System.IO;
using System.Linq;
using PartnerRelationships.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Configuration;

/// <summary>
/// Reads the YAML configuration into a validated <see cref="PartnerRelationshipsConfig"/>. Every problem is a
/// <see cref="PartnerRelationshipsException"/> whose message starts with file:line:column and says what is allowed.
/// </summary>
public static class ConfigLoader
{
    private const string CreateHint =
        $"Create one with {CommandNames.NewPartnerRelationshipConfig} -{ParameterNames.Path} {{0}} -{ParameterNames.PartnerTenantId} <tenant guid> -{ParameterNames.MpnId} <MPN id> -{ParameterNames.PartnerName} <name>";

    /// <summary>Loads and validates the file; <see cref="PartnerRelationshipsConfig.SourcePath"/> is its full path.</summary>
    public static PartnerRelationshipsConfig Load(string path)
    {
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new PartnerRelationshipsException(ErrorIds.Config.FileNotFound, ErrorKind.ObjectNotFound,
                $"'{path}' is not a valid file path. Give the path of a YAML configuration file, or " + string.Format(CreateHint, "<path>") + ".", path, e);
        }

        if (!File.Exists(fullPath))
        {
            var what = Directory.Exists(fullPath) ? "is a folder, not a configuration file" : "does not exist";
            throw new PartnerRelationshipsException(ErrorIds.Config.FileNotFound, ErrorKind.ObjectNotFound,
                $"The configuration file '{fullPath}' {what}. " + string.Format(CreateHint, Quote(fullPath)) + ".", fullPath);
        }

        string text;
        try
        {
            // ReadAllText drops a UTF-8 (or UTF-16) byte order mark.
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw new PartnerRelationshipsException(ErrorIds.Config.FileUnreadable, ErrorKind.ReadError,
                $"The configuration file '{fullPath}' could not be read: {e.Message} Check that it is not locked and that you may read it.", fullPath, e);
        }

        var config = Parse(text, fullPath, Path.GetDirectoryName(fullPath)!, Environment.GetEnvironmentVariable);
        config.SourcePath = fullPath;
        return config;
    }

    /// <summary>
    /// Parses YAML text; <paramref name="sourceName"/> prefixes error messages. Relative paths in it resolve against
    /// the folder of <paramref name="sourceName"/> when that is a full path, else the current directory.
    /// </summary>
    public static PartnerRelationshipsConfig Parse(string yamlText, string sourceName) =>
        Parse(yamlText, sourceName, BaseDirectoryOf(sourceName));

    /// <summary>Parses YAML text, resolving relative paths in it against <paramref name="baseDirectory"/>.</summary>
    public static PartnerRelationshipsConfig Parse(string yamlText, string sourceName, string baseDirectory) =>
        Parse(yamlText, sourceName, baseDirectory, Environment.GetEnvironmentVariable);

    internal static PartnerRelationshipsConfig Parse(
        string yamlText, string sourceName, string baseDirectory, Func<string, string?> getEnvironmentVariable)
    {
        var root = ReadRoot(yamlText ?? "", sourceName);
        if (root is null)
        {
            // An empty file (or one with only comments) means "all defaults".
            return new PartnerRelationshipsConfig();
        }

        ConfigSecretScanner.Scan(root, sourceName);
        var reader = new YamlValueReader(sourceName);
        var config = new ConfigBinder(reader, new ConfigPathExpander(getEnvironmentVariable, baseDirectory)).Bind(root);
        new ConfigCrossFieldValidator(reader, root).Validate(config);
        return config;
    }

    private static YamlNode? ReadRoot(string yamlText, string sourceName)
    {
        // Text handed over directly (not via File.ReadAllText) may still carry the byte order mark.
        yamlText = yamlText.TrimStart('\uFEFF');
        YamlAliasGuard.Check(yamlText, sourceName); // Before the tree: a cycle or an alias bomb must not reach a recursive walk.
        var parser = new Parser(new StringReader(yamlText));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e) when (e.Message.StartsWith("Duplicate key", StringComparison.Ordinal))
        {
            var keyPath = YamlKeyPath.At(yamlText, e.Start.Line, e.Start.Column)
                          ?? e.Message.Substring("Duplicate key".Length).Trim();
            throw ConfigErrors.InvalidValue(sourceName, e.Start, keyPath, "appears more than once in the same section",
                "Keep one of them (keys are case-insensitive)");
        }
        catch (YamlException e)
        {
            throw Syntax(sourceName, e.Start, e.Message, e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet gives up without a position on some unterminated flow collections: use the parser's.
            throw Syntax(sourceName, parser.Current?.Start ?? Mark.Empty, "The YAML structure is incomplete (an unclosed [ or {?)", e);
        }

        if (stream.Documents.Count > 1)
        {
            throw Syntax(sourceName, stream.Documents[1].RootNode.Start, "The file holds more than one YAML document (a '---' line)", null);
        }

        var root = stream.Documents.FirstOrDefault()?.RootNode;
        return root is null || YamlValueReader.IsNull(root) ? null : root;
    }

    private static PartnerRelationshipsException Syntax(string sourceName, Mark mark, string problem, Exception? inner)
    {
        var message = $"{ConfigErrors.Location(sourceName, mark)}: {problem.TrimEnd('.')}. " +
                      "Fix the YAML there: indent nested keys with spaces (not tabs) consistently, put a space after each ':', " +
                      "and quote values that contain ': ' or start with a special character.";
        return new PartnerRelationshipsException(ErrorIds.Config.SyntaxError, ErrorKind.InvalidData, message, sourceName, inner);
    }

    private static string BaseDirectoryOf(string sourceName)
    {
        try
        {
            if (Path.IsPathRooted(sourceName))
            {
                return Path.GetDirectoryName(Path.GetFullPath(sourceName)) ?? Environment.CurrentDirectory;
            }
        }
        catch (ArgumentException)
        {
            // A display name such as "<inline>" is not a path on .NET Framework.
        }

        return Environment.CurrentDirectory;
    }

    private static string Quote(string path) => path.Contains(" ") ? $"'{path.Replace("'", "''")}'" : path;
}
