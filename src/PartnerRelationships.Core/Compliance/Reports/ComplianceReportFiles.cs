using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Compliance.Reports;

/// <summary>
/// Turns <c>-ReportPath</c>/<c>-ReportFormat</c> into report files and writes them. A path is a folder (an existing
/// one, one ending in a separator, or one without an extension): one file per format is written in it, named after
/// the run's time so nightly runs keep their history. A file with a .json/.csv/.html/.htm extension is written in
/// that format, and any other requested format beside it under the same base name. Any other extension needs exactly
/// one format. Everything a user can get wrong fails before the check runs.
/// </summary>
public static class ComplianceReportFiles
{
    public const string FileNamePrefix = "compliance-report-";

    /// <summary>Every format, the default for a folder when none is named.</summary>
    public static IReadOnlyList<ComplianceReportFormat> AllFormats { get; } =
        new[] { ComplianceReportFormat.Json, ComplianceReportFormat.Csv, ComplianceReportFormat.Html };

    public static string ExtensionOf(ComplianceReportFormat format) => format switch
    {
        ComplianceReportFormat.Json => ".json",
        ComplianceReportFormat.Csv => ".csv",
        _ => ".html",
    };

    /// <summary>The format an extension names, or null.</summary>
    public static ComplianceReportFormat? FormatOf(string? extension) => extension?.ToLowerInvariant() switch
    {
        ".json" => ComplianceReportFormat.Json,
        ".csv" => ComplianceReportFormat.Csv,
        ".html" or ".htm" => ComplianceReportFormat.Html,
        _ => null,
    };

    /// <summary>
    /// The files to write for full paths <paramref name="paths"/> and <paramref name="formats"/> (null or empty: by
    /// extension, or every format for a folder). <paramref name="runTime"/> names the files written into folders.
    /// </summary>
    public static IReadOnlyList<ComplianceReportFile> Plan(
        IEnumerable<string> paths,
        IReadOnlyCollection<ComplianceReportFormat>? formats,
        DateTimeOffset runTime,
        Func<string, bool>? directoryExists = null)
    {
        if (paths is null)
        {
            throw new ArgumentNullException(nameof(paths));
        }

        directoryExists ??= Directory.Exists;
        var requested = (formats ?? Array.Empty<ComplianceReportFormat>()).Distinct().ToList();
        var files = new List<ComplianceReportFile>();
        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new PartnerRelationshipsException(
                    ErrorIds.Compliance.InvalidReportPath, ErrorKind.InvalidArgument, $"-{ParameterNames.ReportPath} is empty. Give a file (e.g. report.html) or a folder.", path);
            }

            var extension = Path.GetExtension(path);
            if (IsFolder(path, extension, directoryExists))
            {
                var baseName = FileNamePrefix + runTime.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
                foreach (var format in requested.Count > 0 ? requested : AllFormats)
                {
                    files.Add(new ComplianceReportFile(format, Path.Combine(path, baseName + ExtensionOf(format))));
                }

                continue;
            }

            if (FormatOf(extension) is { } named)
            {
                files.Add(new ComplianceReportFile(named, path));
                foreach (var other in requested.Where(f => f != named))
                {
                    files.Add(new ComplianceReportFile(other, Path.ChangeExtension(path, ExtensionOf(other))));
                }

                continue;
            }

            if (requested.Count != 1)
            {
                throw new PartnerRelationshipsException(
                    ErrorIds.Compliance.UnknownReportFormat,
                    ErrorKind.InvalidArgument,
                    $"The report file '{path}' has the extension '{extension}', which names no report format. " +
                    $"End it in .json, .csv or .html, give exactly one -{ParameterNames.ReportFormat}, or give a folder to write every format into.",
                    path);
            }

            files.Add(new ComplianceReportFile(requested[0], path));
        }

        // The same file named twice (e.g. a folder and a file in it) is written once.
        return files
            .GroupBy(f => Path.GetFullPath(f.Path), StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
    }

    /// <summary>
    /// Fails with ReportWriteFailed when a report could not be written, before the check makes any remote call or
    /// records a run: the nearest existing folder of each file must be a folder the user can create files in.
    /// Creates nothing that stays (a probe file is written and deleted).
    /// </summary>
    public static void RequireWritable(IEnumerable<ComplianceReportFile> files)
    {
        foreach (var file in files ?? throw new ArgumentNullException(nameof(files)))
        {
            if (FileSystem.FileKind.IsSpecial(Path.GetFullPath(file.Path)))
            {
                // Replacing it would replace the device node itself (as root, /dev/null).
                throw NotWritable(file, "it is a device, pipe or other special file, not a regular file.", NothingChecked, null);
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(file.Path));
            while (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                if (File.Exists(folder))
                {
                    throw NotWritable(file, $"'{folder}' is a file, not a folder.", NothingChecked, null);
                }

                folder = Path.GetDirectoryName(folder);
            }

            if (string.IsNullOrEmpty(folder))
            {
                continue;
            }

            var probe = Path.Combine(folder, ".compliance-report-probe-" + Guid.NewGuid().ToString("n") + ".tmp");
            try
            {
                using (File.Create(probe, 1, FileOptions.DeleteOnClose))
                {
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw NotWritable(file, e.Message, NothingChecked, e);
            }
        }
    }

    private const string NothingChecked = "Nothing was checked; choose a folder you can write to.";

    private static PartnerRelationshipsException NotWritable(ComplianceReportFile file, string reason, string advice, Exception? inner) => new(
        ErrorIds.Compliance.ReportWriteFailed,
        ErrorKind.WriteError,
        $"The {file.Format} report could not be written to '{file.Path}': {reason} {advice}",
        file.Path,
        inner);

    /// <summary>Writes each file (creating its folder), replacing an older report of the same name.</summary>
    public static void WriteAll(ComplianceResult result, IEnumerable<ComplianceReportFile> files, string? title = null)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        foreach (var file in files ?? throw new ArgumentNullException(nameof(files)))
        {
            Write(result, file, title);
        }
    }

    public static void Write(ComplianceResult result, ComplianceReportFile file, string? title = null)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        if (file is null)
        {
            throw new ArgumentNullException(nameof(file));
        }

        var temporary = file.Path + ".tmp";
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file.Path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            // Written beside the target and moved into place, so a reader never sees half a report.
            switch (file.Format)
            {
                case ComplianceReportFormat.Json:
                    using (var stream = File.Create(temporary))
                    {
                        ComplianceJsonReport.Write(result, stream);
                    }

                    break;
                case ComplianceReportFormat.Csv:
                    // A BOM so Excel reads UTF-8 names correctly.
                    using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
                    {
                        ComplianceCsvReport.Write(result, writer);
                    }

                    break;
                default:
                    using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                    {
                        ComplianceHtmlReport.Write(result, writer, title);
                    }

                    break;
            }

            if (File.Exists(file.Path))
            {
                File.Delete(file.Path);
            }

            File.Move(temporary, file.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temporary);
            throw NotWritable(file, e.Message, "Choose a folder you can write to.", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Best effort: the error that matters is the one being reported.
        }
    }

    private static bool IsFolder(string path, string extension, Func<string, bool> directoryExists) =>
        directoryExists(path)
        || path.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)
        || path.EndsWith(Path.AltDirectorySeparatorChar.ToString(), StringComparison.Ordinal)
        || extension.Length == 0;
}
