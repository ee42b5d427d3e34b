namespace PartnerRelationships.Core.Workflow;

/// <summary>
/// What asking Partner Center for the partner's reseller link gave: the link (null when the composed one is used) and
/// what to tell the user about it, as verbose detail or as a warning.
/// </summary>
public sealed record ResellerServiceLinkResult(string? Link, string? Detail, string? Warning);
