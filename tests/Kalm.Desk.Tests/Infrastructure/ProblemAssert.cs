using System.Net.Http.Json;

namespace Kalm.Desk.Tests.Infrastructure;

/// <summary>Reads a problem details response and checks it is one, with a useful detail.</summary>
public static class ProblemAssert
{
    public static async Task<System.Text.Json.JsonElement> IsProblemAsync(HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.True(body.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString()),
            $"A problem needs a detail that says what is wrong: {body}");
        return body;
    }
}
