using System;
using System.Collections.Generic;
using System.Text.Json;
using static PartnerRelationships.Core.Remote.Utf8JsonReading;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// One page of Partner Center's GET /v1/customers read straight into <see cref="PartnerCustomerInfo"/> with
/// Utf8JsonReader (no JsonDocument per page). Same mapping as the client's single-customer read: the tenant id from
/// companyProfile.tenantId, else id; relationshipToPartner "none" when absent; allowDelegatedAccess null (unknown) when absent.
/// </summary>
internal static class PartnerCenterCustomerPageReader
{
    /// <param name="continuationToken">From links.next.headers (MS-ContinuationToken), else the page's continuationToken.</param>
    /// <param name="nextPath">links.next.uri relative to /v1 ("customers?size=40"), or null.</param>
    /// <exception cref="JsonException">Not JSON.</exception>
    public static List<PartnerCustomerInfo> Read(ReadOnlySpan<byte> json, out string? continuationToken, out string? nextPath)
    {
        var reader = new Utf8JsonReader(WithoutBom(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var items = new List<PartnerCustomerInfo>();
        continuationToken = null;
        nextPath = null;
        if (!reader.Read())
        {
            throw new JsonException("The JSON is empty.");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return items;
        }

        string? pageToken = null, headerToken = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("items"u8))
            {
                if (!EnterArray(ref reader)) continue;
                while (NextElement(ref reader))
                {
                    items.Add(ReadCustomer(ref reader));
                }
            }
            else if (reader.ValueTextEquals("continuationToken"u8))
            {
                pageToken = StringValue(ref reader);
            }
            else if (reader.ValueTextEquals("links"u8))
            {
                if (!EnterObject(ref reader)) continue;
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("next"u8)) ReadNext(ref reader, ref headerToken, ref nextPath);
                    else reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        var token = headerToken ?? pageToken;
        continuationToken = string.IsNullOrEmpty(token) ? null : token;
        return items;
    }

    /// <summary>On an item's first token (anything but an object maps to an empty customer, as before); ends on its last.</summary>
    private static PartnerCustomerInfo ReadCustomer(ref Utf8JsonReader reader)
    {
        string? id = null, tenantId = null, companyName = null, domain = null, relationship = null;
        bool? allow = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return Customer(null, null, null, null, null, null);
        }

        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8)) id = StringValue(ref reader);
            else if (reader.ValueTextEquals("relationshipToPartner"u8)) relationship = SharedStringValue(ref reader, RelationshipsToPartner);
            else if (reader.ValueTextEquals("allowDelegatedAccess"u8))
            {
                if (!reader.Read()) throw new JsonException("The JSON ends too early.");
                allow = reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => null };
                reader.Skip();
            }
            else if (reader.ValueTextEquals("companyProfile"u8))
            {
                if (!EnterObject(ref reader)) continue;
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("tenantId"u8)) tenantId = StringValue(ref reader);
                    else if (reader.ValueTextEquals("companyName"u8)) companyName = StringValue(ref reader);
                    else if (reader.ValueTextEquals("domain"u8)) domain = StringValue(ref reader);
                    else reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return Customer(id, tenantId, companyName, domain, relationship, allow);
    }

    /// <summary>relationshipToPartner's documented values: every customer carries one, so one shared string each.</summary>
    private static readonly string[] RelationshipsToPartner = { "reseller", "advisor", "none" };

    /// <summary>
    /// The customer from its fields as read (null when absent): the tenant id from the company profile, else the id;
    /// no relationship means "none". Shared with the single-customer read, so both read a customer alike.
    /// </summary>
    internal static PartnerCustomerInfo Customer(string? id, string? tenantId, string? companyName, string? domain, string? relationship, bool? allowDelegatedAccess) =>
        new(tenantId ?? id ?? "", companyName ?? "", domain, relationship ?? "none", allowDelegatedAccess);

    /// <summary>links.next: { "uri": "/customers?size=40", "headers": [{ "key": "MS-ContinuationToken", "value": "…" }] }.</summary>
    private static void ReadNext(ref Utf8JsonReader reader, ref string? headerToken, ref string? nextPath)
    {
        if (!EnterObject(ref reader)) return;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("uri"u8))
            {
                var uri = StringValue(ref reader);
                if (!string.IsNullOrEmpty(uri))
                {
                    // Partner Center gives it relative to /v1 ("/customers?size=40", get-invoiceline-items' example) or
                    // with the prefix ("/v1/customers?size=40", get-a-list-of-customers' self link); keep what follows.
                    var path = uri!.TrimStart('/');
                    nextPath = path.StartsWith("v1/", StringComparison.OrdinalIgnoreCase) ? path.Substring(3) : path;
                }
            }
            else if (reader.ValueTextEquals("headers"u8))
            {
                if (!EnterArray(ref reader)) continue;
                while (NextElement(ref reader))
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        continue;
                    }

                    string? key = null, value = null;
                    while (NextProperty(ref reader))
                    {
                        if (reader.ValueTextEquals("key"u8)) key = StringValue(ref reader);
                        else if (reader.ValueTextEquals("value"u8)) value = StringValue(ref reader);
                        else reader.Skip();
                    }

                    if (string.Equals(key, PartnerCenterClient.ContinuationHeader, StringComparison.OrdinalIgnoreCase))
                    {
                        headerToken = value ?? headerToken;
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }
}
