using System;
using System.Text.Json;

namespace PartnerRelationships.Core.Remote;

/// <summary>Small Utf8JsonReader helpers shared by the page readers: lenient in the same way JsonElement lookups are.</summary>
internal static class Utf8JsonReading
{
    /// <summary>Strips a UTF-8 byte order mark, which Utf8JsonReader refuses.</summary>
    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> json)
        => json.Length >= 3 && json[0] == 0xEF && json[1] == 0xBB && json[2] == 0xBF ? json.Slice(3) : json;

    /// <summary>Empty or only JSON white space: no document at all.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> json)
    {
        foreach (var b in WithoutBom(json))
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        }

        return true;
    }

    /// <summary>On a property name: reads its value; a string gives the text, anything else (null, number, object…) null.</summary>
    public static string? StringValue(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    /// <summary>On a property name: moves to its value and reports whether it is an object (else skips the value).</summary>
    public static bool EnterObject(ref Utf8JsonReader reader) => Enter(ref reader, JsonTokenType.StartObject);

    /// <summary>On a property name: moves to its value and reports whether it is an array (else skips the value).</summary>
    public static bool EnterArray(ref Utf8JsonReader reader) => Enter(ref reader, JsonTokenType.StartArray);

    /// <summary>Reads to the next property name of the object being read; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Reads to the next element of the array being read; false at its end.</summary>
    public static bool NextElement(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return reader.TokenType != JsonTokenType.EndArray;
    }

    private static bool Enter(ref Utf8JsonReader reader, JsonTokenType start)
    {
        Advance(ref reader);
        if (reader.TokenType == start)
        {
            return true;
        }

        reader.Skip();
        return false;
    }

    /// <summary>As <see cref="StringValue"/>, but a value equal to one of <paramref name="known"/> is that instance (a value most items repeat: no string of its own each).</summary>
    public static string? SharedStringValue(ref Utf8JsonReader reader, string[] known)
    {
        Advance(ref reader);
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        foreach (var value in known)
        {
            if (reader.ValueTextEquals(value.AsSpan())) return value;
        }

        return reader.GetString();
    }

    private static void Advance(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON ends too early.");
        }
    }
}
