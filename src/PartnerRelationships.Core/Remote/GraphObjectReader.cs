using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace PartnerRelationships.Core.Remote;

/// <summary>
/// Graph GDAP answers other than relationships, read into our model: access assignments (single and pages),
/// long-running operations and error bodies. Tolerant like the relationship reader: a missing or mistyped field is
/// null/empty, unknown properties are ignored. Throws <see cref="JsonException"/> for what is not JSON at all.
/// </summary>
internal static class GraphObjectReader
{
    /// <summary>delegatedadminrelationship-list-accessassignments: one page (value, @odata.nextLink).</summary>
    public static List<AccessAssignmentInfo> ReadAssignmentPage(ReadOnlySpan<byte> json, string relationshipId, out string? nextLink)
    {
        using var document = Parse(json);
        var root = RequireObject(document.RootElement, "A collection page");
        nextLink = Text(root, "@odata.nextLink");
        var items = new List<AccessAssignmentInfo>();
        if (root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object) items.Add(Assignment(item, relationshipId));
            }
        }

        return items;
    }

    /// <summary>One delegatedAdminAccessAssignment; null for an empty object (the 202 answer's body is <c>{}</c>).</summary>
    public static AccessAssignmentInfo? ReadAssignment(ReadOnlySpan<byte> json, string relationshipId)
    {
        using var document = Parse(json);
        var root = RequireObject(document.RootElement, "An access assignment");
        return Text(root, "id") is null ? null : Assignment(root, relationshipId);
    }

    /// <summary>delegatedadminrelationshipoperation-get.</summary>
    public static RemoteOperationInfo ReadOperation(ReadOnlySpan<byte> json, string relationshipId)
    {
        using var document = Parse(json);
        var root = RequireObject(document.RootElement, "An operation");
        return new RemoteOperationInfo
        {
            Id = Text(root, "id") ?? "",
            RelationshipId = relationshipId,
            OperationType = Text(root, "operationType"),
            Status = Text(root, "status") ?? "unknown",
            Data = Text(root, "data"),
            CreatedDateTime = Date(root, "createdDateTime"),
            LastModifiedDateTime = Date(root, "lastModifiedDateTime"),
        };
    }

    /// <summary>delegatedadminrelationship-post-requests: a request's id, action and status.</summary>
    public static RelationshipRequestInfo ReadRequest(ReadOnlySpan<byte> json, string relationshipId)
    {
        using var document = Parse(json);
        var root = RequireObject(document.RootElement, "A request");
        return new RelationshipRequestInfo(Text(root, "id") ?? "", relationshipId, Text(root, "action") ?? "", Text(root, "status") ?? "");
    }

    /// <summary>Graph's error body {"error":{"code","message"}}; nulls when the body is something else.</summary>
    public static (string? Code, string? Message) ReadError(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return (Text(error, "code"), Text(error, "message"));
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page): the status alone must do.
        }

        return (null, null);
    }

    private static AccessAssignmentInfo Assignment(JsonElement item, string relationshipId)
    {
        var roles = new List<string>();
        if (item.TryGetProperty("accessDetails", out var details) && details.ValueKind == JsonValueKind.Object
            && details.TryGetProperty("unifiedRoles", out var unified) && unified.ValueKind == JsonValueKind.Array)
        {
            foreach (var role in unified.EnumerateArray())
            {
                if (role.ValueKind == JsonValueKind.Object && Text(role, "roleDefinitionId") is { Length: > 0 } id) roles.Add(id);
            }
        }

        string? group = null;
        if (item.TryGetProperty("accessContainer", out var container) && container.ValueKind == JsonValueKind.Object)
        {
            group = Text(container, "accessContainerId");
        }

        return new AccessAssignmentInfo
        {
            Id = Text(item, "id") ?? "",
            RelationshipId = relationshipId,
            SecurityGroupId = group ?? "",
            Roles = roles,
            Status = Text(item, "status") ?? "",
            CreatedDateTime = Date(item, "createdDateTime"),
            LastModifiedDateTime = Date(item, "lastModifiedDateTime"),
            ETag = Text(item, "@odata.etag"),
        };
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> json)
    {
        var bytes = Utf8JsonReading.WithoutBom(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        return JsonDocument.ParseValue(ref reader);
    }

    private static JsonElement RequireObject(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Object ? element : throw new JsonException($"{what} must be a JSON object.");

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTimeOffset? Date(JsonElement o, string name)
    {
        var text = Text(o, name);
        return !string.IsNullOrEmpty(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
    }
}
