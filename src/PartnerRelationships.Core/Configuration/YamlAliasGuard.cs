using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PartnerRelationships.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PartnerRelationships.Core.Configuration;

/// <summary>
/// Reads the YAML events once, before any tree is built, and refuses what would hang or kill the host: an alias to
/// the node that contains it (a cycle, which recursive walks follow until the stack overflows), aliases that expand
/// to more values than any configuration has (the "billion laughs" bomb: a few hundred bytes, billions of values),
/// and nesting deeper than any configuration needs. The pass is linear in the size of the text. Syntax errors are
/// left to the loader, which reports them with their position.
/// </summary>
internal static class YamlAliasGuard
{
    /// <summary>Values a configuration may expand to, aliases followed; real files have a few hundred.</summary>
    public const long MaxExpandedValues = 100_000;

    /// <summary>Nesting a configuration may use (sections, templates, groups, lists: under ten in practice).</summary>
    public const int MaxDepth = 64;

    public static void Check(string yamlText, string sourceName)
    {
        var parser = new Parser(new StringReader(yamlText));
        var frames = new Stack<Frame>();
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case AnchorAlias alias:
                        if (open.Contains(alias.Value.Value))
                        {
                            throw ConfigErrors.At(ErrorIds.Config.AliasCycle, ErrorKind.InvalidData, sourceName, alias.Start, PathOf(frames),
                                $"refers to '*{alias.Value}' inside the very value anchored as '&{alias.Value}', which makes the value contain itself",
                                "Remove the alias or point it at a value defined before and outside it");
                        }

                        Completed(frames, sizes.TryGetValue(alias.Value.Value, out var aliased) ? aliased : 1, alias.Start, sourceName, alias.Value.Value);
                        break;
                    case Scalar scalar:
                        if (!scalar.Anchor.IsEmpty)
                        {
                            sizes[scalar.Anchor.Value] = 1;
                        }

                        if (frames.Count > 0 && frames.Peek() is { IsMapping: true, ExpectKey: true } owner)
                        {
                            owner.Key = scalar.Value;
                        }

                        Completed(frames, 1, scalar.Start, sourceName, null);
                        break;
                    case NodeEvent { } start and (SequenceStart or MappingStart):
                        if (frames.Count >= MaxDepth)
                        {
                            throw ConfigErrors.At(ErrorIds.Config.InvalidValue, ErrorKind.InvalidData, sourceName, start.Start, PathOf(frames),
                                $"is nested more than {MaxDepth} levels deep", "A configuration needs only a few levels: check the brackets and indentation");
                        }

                        var anchor = start.Anchor.IsEmpty ? null : start.Anchor.Value;
                        if (anchor is not null)
                        {
                            open.Add(anchor);
                        }

                        frames.Push(new Frame(start is MappingStart, anchor));
                        break;
                    case SequenceEnd or MappingEnd:
                        var done = frames.Pop();
                        if (done.Anchor is not null)
                        {
                            open.Remove(done.Anchor);
                            sizes[done.Anchor] = done.Size;
                        }

                        Completed(frames, done.Size, parser.Current.Start, sourceName, null);
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            // Not well-formed: the loader reports it with its position and a hint.
        }
    }

    /// <summary>A child of <paramref name="frames"/>' top (of <paramref name="size"/> values once expanded) is complete.</summary>
    private static void Completed(Stack<Frame> frames, long size, Mark at, string sourceName, string? alias)
    {
        if (frames.Count == 0)
        {
            return;
        }

        var parent = frames.Peek();
        parent.Size = parent.Size + size > MaxExpandedValues ? MaxExpandedValues + 1 : parent.Size + size;
        if (parent.Size > MaxExpandedValues)
        {
            var what = alias is null ? "expands" : $"with '*{alias}' expands";
            throw ConfigErrors.At(ErrorIds.Config.AliasExpansion, ErrorKind.InvalidData, sourceName, at, PathOf(frames),
                $"{what} to more than {MaxExpandedValues:N0} values (aliases repeating aliases)",
                "Write the values out, or use anchors and aliases only for small repeated values");
        }

        if (parent.IsMapping)
        {
            if (!parent.ExpectKey)
            {
                parent.Key = null;
            }

            parent.ExpectKey = !parent.ExpectKey;
        }
        else
        {
            parent.Index++;
        }
    }

    /// <summary>The key path of the value being read, such as "invites.roles[0]".</summary>
    private static string PathOf(Stack<Frame> frames)
    {
        var parts = new List<string>();
        foreach (var frame in frames.Reverse())
        {
            if (frame.IsMapping)
            {
                if (frame.Key is { Length: > 0 } key)
                {
                    parts.Add((parts.Count > 0 ? "." : "") + key);
                }
            }
            else
            {
                parts.Add($"[{frame.Index}]");
            }
        }

        return string.Concat(parts);
    }

    private sealed class Frame(bool isMapping, string? anchor)
    {
        public bool IsMapping { get; } = isMapping;
        public string? Anchor { get; } = anchor;
        public long Size { get; set; } = 1;
        public bool ExpectKey { get; set; } = true;
        public string? Key { get; set; }
        public int Index { get; set; }
    }
}
