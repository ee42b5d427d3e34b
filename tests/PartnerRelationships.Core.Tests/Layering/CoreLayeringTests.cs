using System.Reflection;
using PartnerRelationships.Core.Errors;

namespace PartnerRelationships.Core.Tests.Layering;

/// <summary>
/// Core's folders are layers: a folder may use the folders below it, never one above it. Reads the compiled types
/// (signatures and IL), so a reference counts however it is written.
/// </summary>
public class CoreLayeringTests
{
    /// <summary>
    /// Bottom first. The same order, with what each layer holds, is in docs/architecture.md; change both together.
    /// A sub-folder (Compliance/Rules, Remote/Authentication) belongs to its folder's layer.
    /// </summary>
    public static readonly IReadOnlyList<string> LayersBottomUp = new[]
    {
        "Errors",        // the exception type and error kinds
        "Collections",   // small collection helpers
        "FileSystem",    // file kinds
        "Text",          // text helpers: wildcards, edit distance, excerpts of input, durations, user-facing command names
        "Roles",         // the Microsoft Entra role catalogue
        "Configuration", // the configuration model, its YAML loader and validation
        "Resilience",    // the retry/rate-limit pipeline every remote call goes through
        "Remote",        // the Graph and Partner Center clients, sign-in, the remote model
        "Templates",     // access template data and plans
        "Invites",       // the invite model and draft composition (mailto, .eml, links)
        "Store",         // the relationship store contract and the SQLite store
        "Compliance",    // compliance rules, snapshots, reports, alerts
        "Workflow",      // the services behind the cmdlets
        "Adoption",      // adopting relationships made elsewhere (uses Workflow and Compliance)
    };

    private static readonly Assembly Core = typeof(PartnerRelationshipsException).Assembly;

    [Fact]
    public void No_folder_uses_a_folder_above_it()
    {
        var rank = LayersBottomUp.Select((layer, index) => (layer, index)).ToDictionary(p => p.layer, p => p.index);
        var backEdges = NamespaceDependencies.CrossLayerReferences(Core)
            .Where(r => rank.ContainsKey(r.FromLayer) && rank.ContainsKey(r.ToLayer) && rank[r.ToLayer] > rank[r.FromLayer])
            .Select(r => $"{r.FromType} ({r.FromLayer}) uses {r.ToMember} ({r.ToLayer}, a layer above it)")
            .Distinct()
            .OrderBy(line => line, StringComparer.Ordinal)
            .ToList();

        Assert.True(backEdges.Count == 0,
            $"{backEdges.Count} reference(s) go up the layers ({string.Join(" < ", LayersBottomUp)}). Move the service " +
            "up or the shared piece down (output types keep their names):\n" + string.Join("\n", backEdges));
    }

    [Fact]
    public void Every_folder_has_a_place_in_the_layer_order()
    {
        var unplaced = Core.GetTypes()
            .Select(NamespaceDependencies.LayerOf)
            .OfType<string>()
            .Distinct()
            .Where(layer => !LayersBottomUp.Contains(layer))
            .OrderBy(layer => layer, StringComparer.Ordinal)
            .ToList();

        Assert.True(unplaced.Count == 0,
            $"Core folder(s) {string.Join(", ", unplaced)} are not in {nameof(LayersBottomUp)}: add each where it belongs (and to docs/architecture.md).");
    }

    [Fact]
    public void The_reader_sees_references_made_only_in_method_bodies()
    {
        // Guards the guard: a called member is named only when it comes from IL, so a reader that skipped method
        // bodies would find no call to the store's QueryInvitesAsync.
        var references = NamespaceDependencies.CrossLayerReferences(Core);
        Assert.Contains(references, r => r.FromLayer == "Workflow" && r.ToLayer == "Store" && r.ToMember.Contains(".QueryInvitesAsync", StringComparison.Ordinal));
        Assert.Contains(references, r => r.FromLayer == "Store" && r.ToLayer == "Invites");
    }
}
