using System;
using System.IO;
using System.Linq;
using System.Security;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.FileSystem;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Invites;

/// <summary>
/// Writes a draft in two steps so that nothing half-happens: <see cref="Stage"/> checks the target and writes a
/// temporary file next to it; <see cref="Commit"/> moves it into place once the invite is recorded, and
/// <see cref="Discard"/> removes it when recording failed.
/// </summary>
internal sealed class DraftFileWriter
{
    private readonly string _tempPath;
    private readonly bool _overwrite;

    private DraftFileWriter(string path, string tempPath, bool overwrite)
    {
        Path = path;
        _tempPath = tempPath;
        _overwrite = overwrite;
    }

    /// <summary>The full path the draft ends up at.</summary>
    public string Path { get; }

    /// <summary>Resolves the target (a file, or an existing folder plus a name from the customer) and stages the content.</summary>
    public static DraftFileWriter Stage(string requested, string customerName, bool overwrite, byte[] content)
        => Stage(requested, customerName, overwrite, content, now: null);

    /// <param name="now">Staged files of this name left behind by a run that died long before now are removed.</param>
    public static DraftFileWriter Stage(string requested, string customerName, bool overwrite, byte[] content, DateTimeOffset? now)
    {
        var target = ResolveTarget(requested, customerName);
        var folder = System.IO.Path.GetDirectoryName(target);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Invite.InviteFolderNotFound,
                ErrorKind.ObjectNotFound,
                $"The folder '{InputExcerpt.Of(folder)}' for the draft does not exist. Create it first, or give -{ParameterNames.OutFile} " +
                "a path in an existing folder.",
                folder);
        }

        if (Directory.Exists(target))
        {
            throw Exists(target, "is a folder");
        }

        if (FileKind.IsSpecial(target))
        {
            // Even with -Force: moving a draft over a device or pipe would replace the device node itself.
            throw new PartnerRelationshipsException(
                ErrorIds.Invite.InviteFileNotRegular,
                ErrorKind.InvalidArgument,
                $"'{InputExcerpt.Of(target)}' is a device, pipe or other special file, not a regular file; a draft is never " +
                $"written over one, even with -{ParameterNames.Force}. Nothing was recorded. Give -{ParameterNames.OutFile} a file path or a folder.",
                target);
        }

        if (File.Exists(target) && !overwrite)
        {
            throw Exists(target, "already exists");
        }

        if (now is { } cleanBefore)
        {
            CleanLeftovers(target, cleanBefore);
        }

        var tempPath = System.IO.Path.Combine(folder, "." + System.IO.Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(content, 0, content.Length);
            stream.Flush(true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException)
        {
            TryDelete(tempPath);
            throw NotWritable(target, e, recorded: false);
        }

        return new DraftFileWriter(target, tempPath, overwrite);
    }

    /// <summary>Moves the staged file into place.</summary>
    /// <param name="recordedId">The invite just recorded, named in the error if the move fails.</param>
    public void Commit(Guid recordedId)
    {
        try
        {
            if (_overwrite && File.Exists(Path))
            {
                File.Replace(_tempPath, Path, null);
            }
            else
            {
                File.Move(_tempPath, Path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException)
        {
            TryDelete(_tempPath);
            if (!_overwrite && File.Exists(Path))
            {
                // Someone created the file between the check and the move; keep theirs.
                throw new PartnerRelationshipsException(
                    ErrorIds.Invite.InviteFileExists,
                    ErrorKind.ResourceExists,
                    $"The invite {recordedId} was recorded, but '{InputExcerpt.Of(Path)}' appeared meanwhile and was kept. " +
                    $"Its subject, body and MailtoUri are on {CommandNames.GetResellerInvite} -{ParameterNames.Id} {recordedId}.",
                    Path,
                    e);
            }

            throw NotWritable(Path, e, recorded: true, recordedId);
        }
    }

    /// <summary>
    /// The draft of an invite already recorded (a re-run finding it): written from the recorded subject and body when
    /// its file is missing (the run that recorded it stopped before moving the draft into place), left alone when it is
    /// there. Null when no draft was asked for.
    /// </summary>
    public static string? FinishRecorded(string? requested, bool overwrite, ResellerInvite recorded, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return null;
        }

        var target = TargetFor(requested!, recorded.CustomerName);
        if (File.Exists(target) && !overwrite)
        {
            CleanLeftovers(target, now);
            return target;
        }

        var content = EmlWriter.ComposeBytes(recorded.CustomerEmail, recorded.Subject, recorded.Body, recorded.CreatedAt);
        var file = Stage(requested!, recorded.CustomerName, overwrite, content, now);
        file.Commit(recorded.Id);
        return file.Path;
    }

    /// <summary>Where a draft for this request and customer goes (a file, or a folder plus a name from the customer).</summary>
    public static string TargetFor(string requested, string customerName) => ResolveTarget(requested, customerName);

    /// <summary>
    /// A staged file older than this was left by a run that died between staging and moving it into place (staging
    /// to moving takes one store write); younger ones may belong to a run still going, and are left alone.
    /// </summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(10);

    /// <summary>Removes staged copies of <paramref name="target"/> ('.Name.eml.&lt;guid&gt;.tmp') older than <see cref="LeftoverAge"/>; never throws.</summary>
    public static void CleanLeftovers(string target, DateTimeOffset now)
    {
        var folder = System.IO.Path.GetDirectoryName(target);
        var prefix = "." + System.IO.Path.GetFileName(target) + ".";
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        try
        {
            foreach (var candidate in Directory.EnumerateFiles(folder, prefix + "*.tmp"))
            {
                var name = System.IO.Path.GetFileName(candidate);
                var middle = name.Substring(prefix.Length, name.Length - prefix.Length - ".tmp".Length);
                if (middle.Length == 32 && middle.All(Uri.IsHexDigit) && now - File.GetLastWriteTimeUtc(candidate) > LeftoverAge)
                {
                    TryDelete(candidate);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException)
        {
            // Best effort: a leftover is hidden and harmless; it must not stop a new draft.
        }
    }

    /// <summary>Removes the staged file; never throws.</summary>
    public void Discard() => TryDelete(_tempPath);

    private static string ResolveTarget(string requested, string customerName)
    {
        var full = System.IO.Path.GetFullPath(requested);
        if (Directory.Exists(full))
        {
            return System.IO.Path.Combine(full, DraftFileNames.ForCustomer(customerName));
        }

        if (DraftFolder.NamesFolder(requested))
        {
            // Meant as a folder that is not there yet: made (when its parent exists), the draft goes in it.
            return System.IO.Path.Combine(DraftFolder.Ensure(requested), DraftFileNames.ForCustomer(customerName));
        }

        return full;
    }

    private static PartnerRelationshipsException Exists(string path, string what) =>
        new(
            ErrorIds.Invite.InviteFileExists,
            ErrorKind.ResourceExists,
            $"The draft file '{InputExcerpt.Of(path)}' {what}. Nothing was recorded. Use -{ParameterNames.Force} to overwrite a file, " +
            $"or choose another -{ParameterNames.OutFile}.",
            path);

    private static PartnerRelationshipsException NotWritable(string path, Exception e, bool recorded, Guid recordedId = default)
    {
        var outcome = recorded
            ? $"The invite {recordedId} was recorded, but its draft could not be saved"
            : "Nothing was recorded";
        return new PartnerRelationshipsException(
            ErrorIds.Invite.InviteFileNotWritable,
            ErrorKind.WriteError,
            $"The draft file '{InputExcerpt.Of(path)}' could not be written: {e.Message} {outcome}. " +
            $"Check that you may write to the folder, or choose another -{ParameterNames.OutFile}.",
            path,
            e);
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException)
        {
            // Best effort: a stray hidden .tmp file is better than hiding the error that got us here.
        }
    }
}
