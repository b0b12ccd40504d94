using System.Globalization;
using Kalm.Desk.Channels.Chat;
using Kalm.Desk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kalm.Desk.Channels.Email;

/// <summary>What the public survey page shows.</summary>
public enum SurveyPageState
{
    Open,
    Thanks,
    Answered,
    Expired,
    Invalid,
}

/// <summary>The public survey page behind the link in a survey mail, and the same as an API.</summary>
public static class SurveyMailEndpoints
{
    /// <summary>The path of the public survey page; the token follows.</summary>
    public const string PagePath = "/survey";

    private const long MaxBodyBytes = 32 * 1024;

    public static IEndpointRouteBuilder MapSurveyMail(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var page = app.MapGroup(PagePath).AllowAnonymous().ExcludeFromDescription().WithMetadata(new BodySizeLimit(MaxBodyBytes));
        page.MapGet("/{token}", async (string token, HttpRequest request, SurveyMailer mailer, SurveyRecorder surveys, CancellationToken cancellationToken) =>
        {
            var (_, problem) = await mailer.CheckAsync(token, cancellationToken).ConfigureAwait(false);
            return Page(request, token, StateOf(problem), surveys.Questions);
        });
        // The token is the only secret and travels in the URL, so an antiforgery token would protect nothing.
        page.MapPost("/{token}", async (string token, HttpRequest request, SurveyMailer mailer, SurveyRecorder surveys, CancellationToken cancellationToken) =>
        {
            var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken).ConfigureAwait(false) : FormCollection.Empty;
            var answers = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var question in surveys.Questions)
            {
                if (int.TryParse(form[question.Key].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var score))
                {
                    answers[question.Key] = score;
                }
            }

            var comment = form["comment"].ToString();
            var problem = await mailer.SubmitAsync(token, new SurveyAnswersRequest(answers, comment), cancellationToken).ConfigureAwait(false);
            return problem?.ProblemDetails.Status == StatusCodes.Status400BadRequest
                ? Page(request, token, SurveyPageState.Open, surveys.Questions, answers, comment, incomplete: true)
                : Page(request, token, problem is null ? SurveyPageState.Thanks : StateOf(problem), surveys.Questions);
        }).DisableAntiforgery();

        var api = app.MapGroup("/api/v1/surveys/mail").WithTags("Surveys").AllowAnonymous().WithMetadata(new BodySizeLimit(MaxBodyBytes));
        api.MapGet("/{token}", async Task<Results<Ok<IReadOnlyList<SurveyQuestion>>, ProblemHttpResult>> (string token, SurveyMailer mailer, SurveyRecorder surveys, CancellationToken cancellationToken) =>
                (await mailer.CheckAsync(token, cancellationToken).ConfigureAwait(false)).Problem is { } problem ? problem : TypedResults.Ok(surveys.Questions))
            .WithSummary("The questions behind a survey link")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
        api.MapPost("/{token}", async Task<Results<NoContent, ProblemHttpResult>> (string token, SurveyAnswersRequest body, SurveyMailer mailer, CancellationToken cancellationToken) =>
                await mailer.SubmitAsync(token, body, cancellationToken).ConfigureAwait(false) is { } problem ? problem : TypedResults.NoContent())
            .WithSummary("Answer the survey behind a survey link")
            .WithDescription("The link from the survey mail names one conversation; it works once and until it expires.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
        return app;
    }

    /// <summary>English when <c>?lang=en</c>, or without <c>lang</c> when the browser prefers English; Dutch otherwise.</summary>
    public static bool English(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var lang = request.Query["lang"].ToString();
        if (lang.Length > 0)
        {
            return lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        }

        var preferred = request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return preferred?.Value.Value?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
    }

    private static SurveyPageState StateOf(ProblemHttpResult? problem) => problem?.ProblemDetails.Status switch
    {
        null => SurveyPageState.Open,
        StatusCodes.Status409Conflict => SurveyPageState.Answered,
        StatusCodes.Status410Gone => SurveyPageState.Expired,
        _ => SurveyPageState.Invalid,
    };

    private static RazorComponentResult<SurveyMailPage> Page(HttpRequest request, string token, SurveyPageState state, IReadOnlyList<SurveyQuestion> questions,
        IReadOnlyDictionary<string, int>? answers = null, string? comment = null, bool incomplete = false)
    {
        var english = English(request);
        return new RazorComponentResult<SurveyMailPage>(new Dictionary<string, object?>
        {
            [nameof(SurveyMailPage.State)] = state,
            [nameof(SurveyMailPage.English)] = english,
            [nameof(SurveyMailPage.Action)] = $"{PagePath}/{Uri.EscapeDataString(token)}{(request.Query.ContainsKey("lang") ? (english ? "?lang=en" : "?lang=nl") : string.Empty)}",
            [nameof(SurveyMailPage.Questions)] = questions,
            [nameof(SurveyMailPage.Answers)] = answers ?? new Dictionary<string, int>(),
            [nameof(SurveyMailPage.Comment)] = comment,
            [nameof(SurveyMailPage.Incomplete)] = incomplete,
        })
        {
            StatusCode = state switch
            {
                SurveyPageState.Invalid => StatusCodes.Status404NotFound,
                SurveyPageState.Expired => StatusCodes.Status410Gone,
                SurveyPageState.Answered => StatusCodes.Status409Conflict,
                _ => incomplete ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK,
            },
        };
    }
}
