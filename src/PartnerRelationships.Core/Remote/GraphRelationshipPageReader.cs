using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Xml;
using static PartnerRelationships.Core.Remote.Utf8JsonReading;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// One page of GET /tenantRelationships/delegatedAdminRelationships read straight into our model with Utf8JsonReader.
/// The Graph SDK's own model parsing cost about 12× the HTTP work on large listings; this maps the same fields the same
/// way as <see cref="GraphModelMapper"/> (missing or non-string values become null/empty, unknown properties ignored).
/// </summary>
internal static class GraphRelationshipPageReader
{
    private static readonly Dictionary<string, RelationshipStatus> Statuses = BuildStatuses();

    /// <exception cref="JsonException">Not JSON, or not a collection page.</exception>
    /// <exception cref="FormatException">A duration that is not ISO 8601.</exception>
    public static List<DelegatedAdminRelationshipInfo> Read(ReadOnlySpan<byte> json, out string? nextLink)
    {
        var reader = new Utf8JsonReader(WithoutBom(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A collection page must be a JSON object.");
        }

        var items = new List<DelegatedAdminRelationshipInfo>();
        nextLink = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("value"u8))
            {
                if (!EnterArray(ref reader)) continue;
                while (NextElement(ref reader))
                {
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        items.Add(ReadRelationship(ref reader));
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("@odata.nextLink"u8))
            {
                nextLink = StringValue(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return items;
    }

    /// <summary>One relationship (a GET, POST or PATCH answer).</summary>
    /// <exception cref="JsonException">Not JSON, or not an object.</exception>
    /// <exception cref="FormatException">A duration that is not ISO 8601.</exception>
    public static DelegatedAdminRelationshipInfo ReadOne(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(WithoutBom(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A relationship must be a JSON object.");
        }

        return ReadRelationship(ref reader);
    }

    /// <summary>The @odata.type of the partner's resellerDelegatedAdminRelationship items (tenantrelationship-list-delegatedadminrelationships).</summary>
    internal const string ResellerRelationshipType = "#microsoft.graph.resellerDelegatedAdminRelationship";

    /// <summary>On the item's StartObject; ends on its EndObject.</summary>
    private static DelegatedAdminRelationshipInfo ReadRelationship(ref Utf8JsonReader reader)
    {
        string? id = null, displayName = null, tenantId = null, customerName = null, etag = null, status = null;
        string? duration = null, autoExtend = null, odataType = null, indirectProvider = null;
        bool? consentPending = null;
        DateTimeOffset? created = null, modified = null, activated = null, ended = null;
        IReadOnlyList<string> roles = Array.Empty<string>();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8)) id = StringValue(ref reader);
            else if (reader.ValueTextEquals("displayName"u8)) displayName = StringValue(ref reader);
            else if (reader.ValueTextEquals("status"u8)) status = StringValue(ref reader);
            else if (reader.ValueTextEquals("@odata.etag"u8)) etag = StringValue(ref reader);
            else if (reader.ValueTextEquals("@odata.type"u8)) odataType = StringValue(ref reader);
            else if (reader.ValueTextEquals("indirectProviderTenantId"u8)) indirectProvider = StringValue(ref reader);
            else if (reader.ValueTextEquals("isPartnerConsentPending"u8)) consentPending = BoolValue(ref reader);
            else if (reader.ValueTextEquals("duration"u8)) duration = StringValue(ref reader);
            else if (reader.ValueTextEquals("autoExtendDuration"u8)) autoExtend = StringValue(ref reader);
            else if (reader.ValueTextEquals("createdDateTime"u8)) created = DateValue(ref reader);
            else if (reader.ValueTextEquals("lastModifiedDateTime"u8)) modified = DateValue(ref reader);
            else if (reader.ValueTextEquals("activatedDateTime"u8)) activated = DateValue(ref reader);
            else if (reader.ValueTextEquals("endDateTime"u8)) ended = DateValue(ref reader);
            else if (reader.ValueTextEquals("customer"u8))
            {
                if (!EnterObject(ref reader)) continue;
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("tenantId"u8)) tenantId = StringValue(ref reader);
                    else if (reader.ValueTextEquals("displayName"u8)) customerName = StringValue(ref reader);
                    else reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("accessDetails"u8))
            {
                if (!EnterObject(ref reader)) continue;
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("unifiedRoles"u8)) roles = ReadRoles(ref reader);
                    else reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return new DelegatedAdminRelationshipInfo
        {
            Id = id ?? "",
            DisplayName = displayName ?? "",
            CustomerTenantId = tenantId,
            CustomerName = customerName,
            Status = status is not null && Statuses.TryGetValue(status, out var known) ? known : RelationshipStatus.Unknown,
            ServiceStatus = status,
            IsResellerRelationship = string.Equals(odataType, ResellerRelationshipType, StringComparison.OrdinalIgnoreCase) || indirectProvider is not null,
            IndirectProviderTenantId = indirectProvider,
            IsPartnerConsentPending = consentPending,
            Roles = roles,
            Duration = Duration(duration),
            AutoExtendDuration = Duration(autoExtend),
            CreatedDateTime = created,
            LastModifiedDateTime = modified,
            ActivatedDateTime = activated,
            EndDateTime = ended,
            ETag = etag,
        };
    }

    /// <summary>[{ "roleDefinitionId": "…" }, …] → the non-empty ids.</summary>
    private static IReadOnlyList<string> ReadRoles(ref Utf8JsonReader reader)
    {
        if (!EnterArray(ref reader)) return Array.Empty<string>();
        var roles = new List<string>();
        while (NextElement(ref reader))
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("roleDefinitionId"u8))
                {
                    var roleId = StringValue(ref reader);
                    if (!string.IsNullOrEmpty(roleId)) roles.Add(roleId!);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return roles;
    }

    private static bool? BoolValue(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("The JSON ends too early.");
        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False) return reader.GetBoolean();
        reader.Skip();
        return null;
    }

    /// <summary>A date, or null when absent, null, not a string or not a date (the create answer shows <c>""</c>).</summary>
    private static DateTimeOffset? DateValue(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("The JSON ends too early.");
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        if (reader.TryGetDateTimeOffset(out var value)) return value;
        return DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out value) ? value : null;
    }

    /// <summary>ISO 8601 ("P730D"), as the SDK reads it; absent means none.</summary>
    private static TimeSpan Duration(string? iso) => string.IsNullOrEmpty(iso) ? TimeSpan.Zero : XmlConvert.ToTimeSpan(iso);

    /// <summary>Wire names are our enum names in camelCase; matched without regard to case, as the SDK does.</summary>
    private static Dictionary<string, RelationshipStatus> BuildStatuses()
    {
        var map = new Dictionary<string, RelationshipStatus>(StringComparer.OrdinalIgnoreCase);
        foreach (RelationshipStatus status in Enum.GetValues(typeof(RelationshipStatus)))
        {
            if (status != RelationshipStatus.Unknown) map[status.ToString()] = status;
        }

        return map;
    }
}
