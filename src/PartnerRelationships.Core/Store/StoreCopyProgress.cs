namespace PartnerRelationships.Core.Store;

/// <summary>How far a copy is: invites done out of the total counted at the start, and the customer of the last one.</summary>
public sealed record StoreCopyProgress(int Done, int Total, string? CurrentCustomerName);
