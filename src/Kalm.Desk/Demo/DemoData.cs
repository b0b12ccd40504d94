using Kalm.Desk.Domain;
using static Kalm.Desk.Domain.MessageDirection;

namespace Kalm.Desk.Demo;

/// <summary>The demo organisation as data: a Dutch energy and internet provider with two teams.</summary>
internal static class DemoData
{
    public const string OrganisationName = "Polder Energie & Internet";

    private const string Service = "Klantenservice";
    private const string Billing = "Facturatie";

    private const string Anouk = "anouk@kalm.example";
    private const string Daan = "daan@kalm.example";

    public static List<BusinessHours> OfficeHours { get; } =
    [
        .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new BusinessHours(day, new TimeOnly(8, 30), new TimeOnly(17, 30))),
        new BusinessHours(DayOfWeek.Saturday, new TimeOnly(10, 0), new TimeOnly(14, 0)),
    ];

    public static IReadOnlyList<DemoTeam> Teams { get; } =
    [
        new(Service, "Vragen over aansluitingen, storingen en verhuizingen.", 0, [Channel.Chat, Channel.WhatsApp, Channel.Phone, Channel.Email, Channel.Api], ["storingen"]),
        new(Billing, "Facturen, termijnbedragen en betalingsregelingen.", 1, [Channel.Email, Channel.Api], ["facturatie"]),
    ];

    public static IReadOnlyList<DemoAgent> Agents { get; } =
    [
        new("Anouk de Vries", "Anouk", Anouk, Roles.Agent, [Service], ["storingen", "verhuizingen"], ["nl", "en"], Presence.Available),
        new("Daan Jansen", "Daan", Daan, Roles.Agent, [Billing], ["facturatie"], ["nl"], Presence.Busy),
    ];

    public static IReadOnlyList<DemoCustomer> Customers { get; } =
    [
        new("jeroen", "Jeroen Bakker", "jeroen.bakker@example.nl", "06 12345678"),
    ];

    public static IReadOnlyList<DemoConversation> Conversations { get; } =
    [
        new("jeroen", Channel.Email, Billing, "Vraag over mijn jaarafrekening", ConversationStatus.Open, TimeSpan.FromHours(5),
        [
            new(Inbound, TimeSpan.Zero, "Goedemiddag, mijn jaarafrekening is veel hoger dan vorig jaar. Kunt u uitleggen hoe dat komt?"),
            new(Outbound, TimeSpan.FromMinutes(40), "Dag Jeroen, ik kijk het voor je na en kom er vandaag op terug.", Daan),
        ], Assignee: Daan),
    ];
}
