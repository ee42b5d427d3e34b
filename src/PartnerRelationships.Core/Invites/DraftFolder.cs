using System;
using System.IO;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Text;

namespace PartnerRelationships.Core.Invites;

/// <summary>
/// What a draft path means when several customers share it: it must be a folder (each customer gets its own file in
/// it). A path ending with a separator names a folder even before it exists, and is created when its parent exists.
/// </summary>
public static class DraftFolder
{
    /// <summary>True when the path ends with / (or \ on Windows): the user means a folder.</summary>
    public static bool NamesFolder(string requested) =>
        requested.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ||
        requested.EndsWith(Path.AltDirectorySeparatorChar.ToString(), StringComparison.Ordinal);

    /// <summary>
    /// Refuses, before anything is recorded, a path that cannot take one draft per customer: an existing file, or a
    /// path that is neither an existing folder nor ends with a separator.
    /// </summary>
    public static void RequireForSeveralCustomers(string requested)
    {
        if (requested is null) throw new ArgumentNullException(nameof(requested));
        var full = Path.GetFullPath(requested);
        if (Directory.Exists(full) || NamesFolder(requested))
        {
            return;
        }

        var what = File.Exists(full) ? "is a file" : "is not a folder";
        throw new PartnerRelationshipsException(
            ErrorIds.Invite.InviteOutFileNotFolder,
            ErrorKind.InvalidArgument,
            $"-{ParameterNames.OutFile} '{InputExcerpt.Of(full)}' {what}, and customers from the pipeline each get their own draft: -{ParameterNames.OutFile} must be a folder. " +
            $"Create it (New-Item -ItemType Directory '{InputExcerpt.Of(requested)}') or end the path with '/' to have it created. Nothing was recorded.",
            full);
    }

    /// <summary>Creates a folder the path names with a trailing separator, when only the last level is missing.</summary>
    /// <returns>The folder's full path.</returns>
    internal static string Ensure(string requested)
    {
        var full = Path.GetFullPath(requested);
        if (Directory.Exists(full)) return full;
        var parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        if (string.IsNullOrEmpty(parent) || !Directory.Exists(parent))
        {
            throw new PartnerRelationshipsException(
                ErrorIds.Invite.InviteFolderNotFound,
                ErrorKind.ObjectNotFound,
                $"The folder '{InputExcerpt.Of(full)}' for the drafts does not exist, nor does its parent. Create it first (New-Item -ItemType Directory).",
                full);
        }

        Directory.CreateDirectory(full);
        return full;
    }
}
