using Kalm.Desk.Agents;
using Kalm.Desk.ApiKeys;
using Kalm.Desk.Channels.Chat;
using Kalm.Desk.Channels.Email;
using Kalm.Desk.Conversations;
using Kalm.Desk.Customers;
using Kalm.Desk.Data;
using Kalm.Desk.Demo;
using Kalm.Desk.Health;
using Kalm.Desk.Infrastructure;
using Kalm.Desk.Ingest;
using Kalm.Desk.Protection;
using Kalm.Desk.Realtime;
using Kalm.Desk.Reports;
using Kalm.Desk.Routing;
using Kalm.Desk.Routing.Simulation;
using Kalm.Desk.Supervision;
using Kalm.Desk.Teams;
using Kalm.Desk.Templates;
using Kalm.Desk.Wellbeing;
using Kalm.Desk.Workspace;

if (args is [SimulateCommand.Name, .. var simulateArgs])
{
    var configuration = new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();
    return SimulateCommand.Run(simulateArgs, Console.Out, Console.Error, configuration);
}

var builder = WebApplication.CreateBuilder(args);

builder.UseKalmDefaultUrls();
builder.AddKalmCore();
builder.AddKalmProblemDetails();
builder.AddKalmDatabase();
builder.AddKalmIdentity();
builder.AddKalmOpenApi();
builder.AddKalmHealthChecks();
builder.AddIngest();
builder.AddDemoOrganisation();
builder.AddConversations();
builder.AddAgents();
builder.AddProtection();
builder.AddWellbeing();
builder.AddRouting();
builder.AddRealtime();
builder.AddChat();
builder.AddWorkspace();
builder.AddEmailChannel();

var app = builder.Build();

app.UseKalmProblemDetails();
app.UseWorkspaceLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseChat();

app.MapKalmOpenApi();
app.MapHealthEndpoints();
app.MapAuthEndpoints();
app.MapIngestEndpoints();
app.MapConversationEndpoints();
app.MapCustomerEndpoints();
app.MapAgentEndpoints();
app.MapApiKeyEndpoints();
app.MapRealtime();
app.MapChat();
app.MapSupervisionEndpoints();
app.MapProtectionEndpoints();
app.MapWellbeingEndpoints();
app.MapRoutingEndpoints();
app.MapKpiEndpoints();
app.MapTemplateEndpoints();
app.MapTeamEndpoints();
app.MapMailboxEndpoints();
app.MapSurveyMail();
app.MapWorkspace();

await app.MigrateKalmDatabaseAsync();
await app.SeedDemoOrganisationAsync();
app.PrintStartupBanner();

await app.RunAsync();
return 0;

/// <summary>The entry point, public so integration tests can host the desk with WebApplicationFactory.</summary>
public partial class Program;
