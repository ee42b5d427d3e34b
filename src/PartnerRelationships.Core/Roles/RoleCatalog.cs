using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerRelationships.Core.Roles;

/// <summary>
/// The built-in Microsoft Entra roles a granular admin (GDAP) relationship may request: the single source for the
/// module and the sandbox. GDAP accepts only built-in roles (never custom roles). The ids are the fixed role template
/// ids (what GDAP calls roleDefinitionId) from Microsoft's "Microsoft Entra built-in roles" reference; the list covers
/// the roles partners commonly request.
/// </summary>
public static partial class RoleCatalog
{
    public const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    public const string GlobalReader = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
    public const string HelpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    public const string UserAdministrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    public const string DirectoryReaders = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";
    public const string SecurityReader = "5d6b6bb7-de71-4623-b4af-96380a352509";
    public const string ExchangeAdministrator = "29232cdf-9323-42fd-ade2-1d097af3e4de";

    public static IReadOnlyList<EntraRole> All { get; } = new EntraRole[]
    {
        new(GlobalAdministrator, "Global Administrator"),
        new(GlobalReader, "Global Reader"),
        new(HelpdeskAdministrator, "Helpdesk Administrator"),
        new(UserAdministrator, "User Administrator"),
        new(DirectoryReaders, "Directory Readers"),
        new("9360feb5-f418-4baa-8175-e2a00bac4301", "Directory Writers"),
        new(SecurityReader, "Security Reader"),
        new("194ae4cb-b126-40b2-bd5b-6091b380977d", "Security Administrator"),
        new("5f2222b1-57c3-48ba-8ad5-d4759f1fde6f", "Security Operator"),
        new(ExchangeAdministrator, "Exchange Administrator"),
        new("31392ffb-586c-42d1-9346-e59415a2cc4e", "Exchange Recipient Administrator"),
        new("f28a1f50-f6e7-4571-818b-6a12f2af6b6c", "SharePoint Administrator"),
        new("69091246-20e8-4a56-aa4d-066075b2a7a8", "Teams Administrator"),
        new("baf37b3a-610e-45da-9e62-d9d1e5e8914b", "Teams Communications Administrator"),
        new("f70938a0-fc10-4177-9e90-2178f8765737", "Teams Communications Support Engineer"),
        new("fcf91098-03e3-41a9-b5ba-6f0ec8188a12", "Teams Communications Support Specialist"),
        new("3d762c5a-1b6c-493f-843e-55a3b42923d4", "Teams Devices Administrator"),
        new("75941009-915a-4869-abe7-691bff18279e", "Skype for Business Administrator"),
        new("b0f54661-2d74-4c50-afa3-1ec803f12efe", "Billing Administrator"),
        new("4d6ac14f-3453-41d0-bef9-a3e0c569773a", "License Administrator"),
        new("e8611ab8-c189-46e8-94e1-60213ab1f814", "Privileged Role Administrator"),
        new("7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "Privileged Authentication Administrator"),
        new("c4e39bd9-1100-46d3-8c65-fb160da0071f", "Authentication Administrator"),
        new("0526716b-113d-4c15-b2c8-68e3c22b9f80", "Authentication Policy Administrator"),
        new("966707d0-3269-4727-9be2-8c3a10f19b9d", "Password Administrator"),
        new("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "Application Administrator"),
        new("158c047a-c907-4556-b7ef-446551a6b5f7", "Cloud Application Administrator"),
        new("3a2c62db-5318-420d-8d74-23affee5d9d5", "Intune Administrator"),
        new("b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "Conditional Access Administrator"),
        new("7698a772-787b-4ac8-901f-60d6b08affd2", "Cloud Device Administrator"),
        new("f023fd81-a637-4b56-95fd-791ac0226033", "Service Support Administrator"),
        new("fdd7a751-b60b-444a-984c-02652fe8fa1c", "Groups Administrator"),
        new("95e79109-95c0-4d8e-aee3-d01accf2d47b", "Guest Inviter"),
        new("8329153b-31d0-4727-b945-745eb3bc5f31", "Domain Name Administrator"),
        new("8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "Hybrid Identity Administrator"),
        new("4a5d8f65-41da-4de4-8968-e035b65339cf", "Reports Reader"),
        new("75934031-6c7e-415a-99d7-48dbd49e875e", "Usage Summary Reports Reader"),
        new("790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b", "Message Center Reader"),
        new("17315797-102d-40b4-93e0-432062caca18", "Compliance Administrator"),
        new("e6d1a23a-da11-4be4-9570-befc86d067a7", "Compliance Data Administrator"),
        new("7495fdc4-34c4-4d15-a289-98788ce399fd", "Azure Information Protection Administrator"),
        new("892c5842-a9a6-463a-8041-72aa08ca3cf6", "Cloud App Security Administrator"),
        new("c430b396-e693-46cc-96f3-db01bf8bb62a", "Attack Simulation Administrator"),
        new("11648597-926c-4cf3-9c36-bcebb0ba8dcc", "Power Platform Administrator"),
        new("44367163-eba1-44c3-98af-f5787879f96a", "Dynamics 365 Administrator"),
        new("a9ea8996-122f-4c74-9520-8edcd192826c", "Fabric Administrator"),
        new("11451d60-acb2-45eb-a7d6-43d0f0125c13", "Windows 365 Administrator"),
        new("2b745bdf-0803-4d80-aa65-822c4493daac", "Office Apps Administrator"),
        new("644ef478-e28f-4e28-b9dc-3fdde9aa0b1f", "Printer Administrator"),
        new("0964bb5e-9bdb-4d7b-ac29-58e794862a40", "Search Administrator"),
        new("b5a8dcf3-09d5-43a9-a639-8e29ef291470", "Knowledge Administrator"),
        new("eb1f4a8d-243a-41f0-9fbd-c7cdf6c5ef7c", "Insights Administrator"),
        new("45d8d3c5-c802-45c6-b32a-1d70b5e1e86e", "Identity Governance Administrator"),
        new("ac434307-12b9-4fa1-a708-88bf58caabc1", "Global Secure Access Administrator"),
        new("5c4f9dcd-47dc-4cf7-8c9a-9e4207cbfc91", "Customer LockBox Access Approver"),
        new("3f1acade-1e04-4fbc-9b69-f0302cd84aef", "Edge Administrator"),
        new("d37c8bed-0711-4417-ba38-b4abe66ce4c2", "Network Administrator"),
        new("810a2642-a034-447f-a5e8-41beaa378541", "Yammer Administrator"),
    };

    private static readonly Dictionary<string, EntraRole> ById = All.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, EntraRole> ByName = All.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
}
