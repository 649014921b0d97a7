using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace CircularPlatform.ServiceDefaults.Http;

/// <summary>
/// What no text the platform accepts may hold, checked once for every input: a NUL character,
/// which PostgreSQL cannot store (it answered 500), and a lone UTF-16 surrogate, which is no text
/// at all and cannot be encoded to UTF-8 for storage or for an answer.
/// </summary>
public static class TextInput
{
    public const string LoneSurrogate = "Must be Unicode text: a lone surrogate (\\ud800 to \\udfff) is not a character.";

    public static string? Problem(string? text)
    {
        // Every string of every body passes here: the vectorised search settles nearly all of them.
        if (text is null || !text.Contains('\0') && text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return null;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return "Must not contain the NUL character (\\u0000).";
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return LoneSurrogate;
            }
        }
        return null;
    }
}

/// <summary>Every string of every JSON body passes <see cref="TextInput"/>; a refusal names its field.</summary>
internal sealed class CheckedStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text;
        try
        {
            text = reader.GetString();
        }
        catch (InvalidOperationException) when (reader.TokenType == JsonTokenType.String)
        {
            // An escaped lone surrogate (\ud800): the reader refuses to make a string of it.
            throw new RefusedTextException(TextInput.LoneSurrogate);
        }
        if (TextInput.Problem(text) is { } problem)
        {
            throw new RefusedTextException(problem);
        }
        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    // A converter for string is also asked for dictionary keys (the errors of a validation problem,
    // a body's map): a key is text like any other.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options) ?? string.Empty;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}

/// <summary>A JSON string refused by <see cref="TextInput"/>; the serializer adds the field's path.</summary>
internal sealed class RefusedTextException(string reason) : JsonException(reason)
{
    public string Reason { get; } = reason;
}

/// <summary>The query string passes <see cref="TextInput"/> before any endpoint reads it.</summary>
internal sealed class QueryTextGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.QueryString.HasValue)
        {
            var errors = new ValidationErrors();
            foreach (var (key, values) in context.Request.Query)
            {
                if (TextInput.Problem(key) is { } keyProblem)
                {
                    errors.Add("", keyProblem);
                    continue;
                }
                foreach (var value in values)
                {
                    if (TextInput.Problem(value) is { } problem)
                    {
                        errors.Add(key, problem);
                    }
                }
            }
            if (errors.Any)
            {
                return Results.ValidationProblem(errors.ToDictionary(), title: "The request is not valid.").ExecuteAsync(context);
            }
        }
        return next(context);
    }
}
