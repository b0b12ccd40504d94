using Kalm.Desk.Domain;

namespace Kalm.Desk.Templates;

/// <summary>
/// The templates a new organisation starts with, so agents have a de-escalation text and the standard
/// end text from the first day. Admins change or remove them.
/// </summary>
internal static class DefaultTemplates
{
    public static IReadOnlyList<ReplyTemplate> Create(DateTimeOffset now) =>
    [
        new()
        {
            Name = "Bedankt voor je bericht",
            Kind = TemplateKind.General,
            SortOrder = 10,
            UpdatedAt = now,
            Body = "Beste {klant},\n\nBedankt voor uw bericht. Ik zoek dit voor u uit en kom er vandaag bij u op terug.\n\nMet vriendelijke groet,\n{agent}\n{organisatie}",
        },
        new()
        {
            Name = "Opgelost",
            Kind = TemplateKind.General,
            SortOrder = 20,
            UpdatedAt = now,
            Body = "Beste {klant},\n\nFijn dat het weer werkt. Heeft u nog een vraag, dan kunt u op dit bericht reageren.\n\nMet vriendelijke groet,\n{agent}\n{organisatie}",
        },
        new()
        {
            Name = "De-escalatie: ik begrijp uw frustratie",
            Kind = TemplateKind.DeEscalation,
            SortOrder = 30,
            UpdatedAt = now,
            Body = "Beste {klant},\n\nIk begrijp dat dit vervelend voor u is en ik wil het graag oplossen. Om u goed te helpen heb ik de volgende gegevens nodig: uw klantnummer en een korte omschrijving van wat er misging.\n\nMet vriendelijke groet,\n{agent}",
        },
        new()
        {
            Name = "De-escalatie: toon",
            Kind = TemplateKind.DeEscalation,
            SortOrder = 40,
            UpdatedAt = now,
            Body = "Beste {klant},\n\nIk wil u graag verder helpen met {onderwerp}. Dat lukt het best als we op een rustige en respectvolle manier met elkaar praten. Scheldwoorden en bedreigingen accepteren wij niet.\n\nMet vriendelijke groet,\n{agent}",
        },
        new()
        {
            Name = "Gesprek beëindigen (grensoverschrijdend)",
            Kind = TemplateKind.EndConversation,
            SortOrder = 50,
            UpdatedAt = now,
            Body = "Beste {klant},\n\nWij willen u graag helpen, maar niet op deze manier. Omdat u onze medewerker beledigt of bedreigt, beëindigen wij dit gesprek. U kunt later opnieuw contact opnemen; wij helpen u dan graag, op voorwaarde dat het gesprek respectvol verloopt.\n\n{organisatie}",
        },
        new()
        {
            Name = "Ending the conversation (English)",
            Kind = TemplateKind.EndConversation,
            Language = "en",
            SortOrder = 60,
            UpdatedAt = now,
            Body = "Dear {customer},\n\nWe want to help you, but not like this. Because our colleague is being insulted or threatened, we are ending this conversation. You are welcome to contact us again later, as long as the conversation stays respectful.\n\n{organisation}",
        },
    ];
}
