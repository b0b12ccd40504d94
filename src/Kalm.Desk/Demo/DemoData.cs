using Kalm.Desk.Domain;
using static Kalm.Desk.Domain.ConversationStatus;
using static Kalm.Desk.Domain.MessageDirection;

namespace Kalm.Desk.Demo;

/// <summary>
/// The demo organisation as data: a Dutch energy and internet provider with two teams. Most
/// customers are friendly or angry but fair; a few are abusive or threatening, so Shield has
/// something real to do. Times are relative to the moment of seeding.
/// </summary>
internal static class DemoData
{
    public const string OrganisationName = "Polder Energie & Internet";

    private const string Service = "Klantenservice";
    private const string Billing = "Facturatie";

    private const string Anouk = "anouk@kalm.example";
    private const string Sem = "sem@kalm.example";
    private const string Fatima = "fatima@kalm.example";
    private const string Daan = "daan@kalm.example";
    private const string Lisa = "lisa@kalm.example";
    private const string Mark = "mark@kalm.example";
    private const string Esther = "esther@kalm.example";
    private const string Ruben = "ruben@kalm.example";

    public static List<BusinessHours> OfficeHours { get; } =
    [
        .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new BusinessHours(day, new TimeOnly(8, 30), new TimeOnly(17, 30))),
        new BusinessHours(DayOfWeek.Saturday, new TimeOnly(10, 0), new TimeOnly(14, 0)),
    ];

    public static IReadOnlyList<DemoTeam> Teams { get; } =
    [
        new(Service, "Aansluitingen, storingen, glasvezel en verhuizingen.", 0, [Channel.Chat, Channel.WhatsApp, Channel.Phone, Channel.Email, Channel.Api], ["storingen"]),
        new(Billing, "Facturen, termijnbedragen en betalingsregelingen.", 1, [Channel.Email, Channel.Phone, Channel.Api], ["facturatie"]),
    ];

    public static IReadOnlyList<DemoAgent> Agents { get; } =
    [
        new("Anouk de Vries", "Anouk", Anouk, Roles.Agent, [Service], ["storingen", "verhuizingen"], ["nl", "en"], Presence.Available),
        new("Sem Visser", "Sem", Sem, Roles.Agent, [Service], ["storingen", "glasvezel"], ["nl"], Presence.Available),
        new("Fatima El Amrani", "Fatima", Fatima, Roles.Agent, [Service, Billing], ["verhuizingen", "facturatie"], ["nl", "en", "ar"], Presence.Break),
        new("Daan Jansen", "Daan", Daan, Roles.Agent, [Billing], ["facturatie", "betalingsregelingen"], ["nl"], Presence.Busy),
        new("Lisa Mulder", "Lisa", Lisa, Roles.Agent, [Billing], ["facturatie"], ["nl", "de"], Presence.Away),
        new("Mark de Boer", "Mark", Mark, Roles.Supervisor, [Service], ["storingen", "escalaties"], ["nl", "en"], Presence.Available),
        new("Esther Smit", "Esther", Esther, Roles.Supervisor, [Billing], ["facturatie", "escalaties"], ["nl"], Presence.Offline),
        new("Ruben Hendriks", "Ruben", Ruben, Roles.Admin, [Service, Billing], [], ["nl", "en"], Presence.Offline),
    ];

    public static IReadOnlyList<DemoCustomer> Customers { get; } =
    [
        new("jeroen", "Jeroen Bakker", "jeroen.bakker@example.nl", "06 12345678"),
        new("sanne", "Sanne de Jong", "sanne.dejong@example.nl", "06 23456789"),
        new("henk", "Henk Peters", "h.peters@example.nl", "0031 6 34567890", "Belt liever dan dat hij mailt; slechthorend."),
        new("ingrid", "Ingrid van Dijk", "ingrid.vandijk@example.nl", null),
        new("mohammed", "Mohammed Ouali", "m.ouali@example.nl", "+31 6 45678901"),
        new("els", "Els Vermeulen", "els.vermeulen@example.be", "+32 470 12 34 56", "Klant in België (Antwerpen), zakelijke aansluiting."),
        new("kevin", "Kevin Groot", null, "06-56789012", "Eerder gewaarschuwd voor taalgebruik (maart)."),
        new("marieke", "Marieke Bos", "marieke.bos@example.nl", "06 67890123"),
        new("ahmet", "Ahmet Yilmaz", "ahmet.yilmaz@example.nl", "06 78901234"),
        new("wim", "Wim de Graaf", "wim.degraaf@example.nl", null),
        new("lotte", "Lotte Kramer", "lotte.kramer@example.nl", "06 89012345"),
        new("thomas", "Thomas Smits", "thomas.smits@example.nl", null),
        new("priya", "Priya Ramdin", "priya.ramdin@example.nl", "06 90123456"),
        new("gerrit", "Gerrit Hoekstra", "g.hoekstra@example.nl", "0512 345678"),
        new("noor", "Noor Dekker", null, "06 11223344"),
        new("bas", "Bas van Leeuwen", "bas@vanleeuwen-installatie.example.nl", "010 2345678", "Installateur; belt namens eigen klanten."),
        new("femke", "Femke Willems", "femke.willems@example.nl", null),
        new("rob", "Rob Verhoeven", "rob.verhoeven@example.nl", "06 22334455"),
        new("joyce", "Joyce Koster", null, "06 33445566"),
        new("stefan", "Stefan Maas", "stefan.maas@example.nl", null),
        new("anna", "Anna Prins", "anna.prins@example.nl", "06 44556677"),
        new("dirk", "Dirk Brouwer", "dirk.brouwer@example.nl", "06 55667788"),
        new("yvonne", "Yvonne Meijer", "yvonne.meijer@example.nl", null),
        new("tim", "Tim Post", null, "06 66778899"),
        new("hanneke", "Hanneke Kok", "hanneke.kok@example.nl", "06 77889900"),
    ];

    public static IReadOnlyList<DemoConversation> Conversations { get; } =
    [
        // Friendly and everyday.
        new("jeroen", Channel.Email, Billing, "Vraag over mijn jaarafrekening", Open, Hours(5),
        [
            new(Inbound, Minutes(0), "Goedemiddag,\n\nMijn jaarafrekening is € 312 hoger dan vorig jaar, terwijl we volgens mij minder hebben verbruikt. Kunt u uitleggen hoe dat komt?\n\nMet vriendelijke groet,\nJeroen Bakker"),
            new(Outbound, Minutes(40), "Beste Jeroen,\n\nDank voor je vraag. Ik zie dat de meterstand van januari is geschat. Ik vraag de werkelijke stand op bij de netbeheerder en kom er uiterlijk morgen op terug.\n\nGroet,\nDaan", Daan),
            new(Note, Minutes(42), "Geschatte stand januari; netbeheerder gemaild. Terugbellen als het langer dan twee dagen duurt.", Daan),
        ], Assignee: Daan, Tags: ["jaarafrekening"]),
        new("sanne", Channel.Chat, Service, "Verhuizing doorgeven", Resolved, Days(2),
        [
            new(Inbound, Minutes(0), "Hoi! Wij verhuizen op 1 maart naar Utrecht. Hoe geef ik dat door?"),
            new(Outbound, Minutes(1), "Hoi Sanne, wat leuk! Dat regel ik meteen voor je. Wat is het nieuwe adres met postcode?", Anouk),
            new(Inbound, Minutes(3), "Oudegracht 112, 3511 AV Utrecht"),
            new(Outbound, Minutes(5), "Staat erin: per 1 maart levering op de Oudegracht 112. Je krijgt vandaag een bevestiging per mail.", Anouk),
            new(Inbound, Minutes(6), "Top, super snel geholpen. Dank je wel Anouk!"),
        ], Assignee: Anouk, Tags: ["verhuizing"]),
        new("mohammed", Channel.WhatsApp, Service, null, Open, Minutes(35),
        [
            new(Inbound, Minutes(0), "Goedemorgen, sinds vanochtend heb ik geen internet meer. Het lampje op de modem knippert rood."),
            new(Outbound, Minutes(6), "Goedemorgen Mohammed, vervelend! Er is een storing in Amersfoort-Noord. De monteur is onderweg; naar verwachting is het rond 13:00 opgelost.", Sem),
            new(Inbound, Minutes(8), "Oké, bedankt voor de snelle reactie. Ik werk thuis dus ik hoop dat het lukt."),
        ], Assignee: Sem, Priority: ConversationPriority.High, Tags: ["storing", "internet"]),
        new("els", Channel.Email, Billing, "Factuur zakelijke aansluiting", Pending, Days(3),
        [
            new(Inbound, Minutes(0), "Dag,\n\nKan u de factuur van februari opnieuw opmaken op naam van onze vennootschap (Vermeulen BV, BTW BE0123.456.789)? Alvast bedankt.\n\nEls Vermeulen"),
            new(Outbound, Hours(2), "Dag Els,\n\nDat kan. Wilt u het ondernemingsnummer en het facturatieadres bevestigen? Dan maak ik de factuur direct opnieuw op.\n\nMet vriendelijke groet,\nLisa", Lisa),
        ], Assignee: Lisa),
        new("marieke", Channel.Chat, Service, null, Resolved, Days(6),
        [
            new(Inbound, Minutes(0), "Hallo, kan ik mijn glasvezelabonnement omzetten naar 500 Mbit?"),
            new(Outbound, Minutes(2), "Hallo Marieke, zeker. Dat kost € 5 per maand extra en gaat volgende week maandag in. Zal ik het voor je aanpassen?", Sem),
            new(Inbound, Minutes(3), "Ja graag!"),
            new(Outbound, Minutes(4), "Geregeld! Je krijgt een bevestiging per mail.", Sem),
            new(Inbound, Minutes(5), "Fijn, bedankt. Fijne dag nog!"),
        ], Assignee: Sem, Tags: ["glasvezel", "upgrade"]),
        new("ahmet", Channel.Phone, Service, "Monteursafspraak", Closed, Days(9),
        [
            new(Inbound, Minutes(0), "Telefoongesprek: klant wil de monteursafspraak van donderdag verzetten naar vrijdagochtend, hij moet onverwacht werken."),
            new(Note, Minutes(4), "Afspraak verzet naar vrijdag 8:00-12:00. Klant was vriendelijk en bedankte voor de flexibiliteit.", Fatima),
        ], Assignee: Fatima),
        new("lotte", Channel.WhatsApp, Service, null, New, Minutes(4),
        [
            new(Inbound, Minutes(0), "Hoi, ik heb een nieuwe slimme meter gekregen maar de app laat nog steeds mijn oude verbruik zien. Moet ik iets koppelen?"),
        ]),
        new("thomas", Channel.Email, Billing, "Automatische incasso wijzigen", Resolved, Days(12),
        [
            new(Inbound, Minutes(0), "Beste klantenservice,\n\nIk heb een nieuw rekeningnummer: NL91 ABNA 0417 1643 00. Kunnen jullie de incasso per volgende maand daarvan laten afschrijven?\n\nGroeten,\nThomas Smits"),
            new(Outbound, Hours(1), "Beste Thomas,\n\nHet nieuwe rekeningnummer staat erin en geldt vanaf de volgende termijn.\n\nGroet,\nDaan", Daan),
            new(Inbound, Hours(3), "Perfect, dank u wel voor de snelle hulp."),
        ], Assignee: Daan),
        new("priya", Channel.Api, Service, "Aanvraag via de app: storing tv", Open, Hours(3),
        [
            new(Inbound, Minutes(0), "Melding via de app: mijn tv-ontvanger geeft 'geen signaal' op alle zenders. Internet werkt wel. Ik heb de ontvanger al opnieuw opgestart."),
            new(Outbound, Minutes(25), "Hoi Priya, dank voor het doorgeven. Ik heb een nieuw signaal naar je ontvanger gestuurd. Wil je hem nog één keer uit en aan zetten en laten weten of het werkt?", Anouk),
        ], Assignee: Anouk, Tags: ["tv"]),
        new("gerrit", Channel.Phone, Billing, "Betalingsregeling", Resolved, Days(4),
        [
            new(Inbound, Minutes(0), "Telefoongesprek: meneer Hoekstra kan de jaarafrekening van € 640 niet in één keer betalen en vraagt om een regeling. Rustig gesprek, excuses voor de late betaling."),
            new(Note, Minutes(12), "Regeling in zes termijnen van € 106,67 afgesproken, eerste termijn 1 april. Bevestiging per post verstuurd.", Daan),
        ], Assignee: Daan, Tags: ["betalingsregeling"]),
        new("femke", Channel.Email, Service, "Compliment", Closed, Days(15),
        [
            new(Inbound, Minutes(0), "Beste mensen,\n\nIk wil even laten weten dat de monteur van gisteren (ik meen Rachid) ontzettend behulpzaam was. Hij heeft zelfs de kabel netjes weggewerkt. Top service!\n\nFemke Willems"),
            new(Outbound, Hours(4), "Beste Femke,\n\nWat fijn om te horen! Ik geef je compliment door aan Rachid en zijn team.\n\nHartelijke groet,\nMark", Mark),
        ], Assignee: Mark, Tags: ["compliment"]),
        new("anna", Channel.Chat, Service, null, Open, Minutes(12),
        [
            new(Inbound, Minutes(0), "Hallo, ik krijg de wifi in mijn werkkamer op zolder niet goed. Hebben jullie een versterker?"),
            new(Outbound, Minutes(2), "Hoi Anna! Ja, we hebben een wifi-versterker voor € 4 per maand. Zal ik er een opsturen?", Fatima),
            new(Inbound, Minutes(4), "Graag, en kan ik hem zelf installeren?"),
        ], Assignee: Fatima),
        new("hanneke", Channel.WhatsApp, Billing, null, Resolved, Days(1),
        [
            new(Inbound, Minutes(0), "Hoi, ik zie twee keer een afschrijving van € 89 deze maand. Klopt dat?"),
            new(Outbound, Minutes(15), "Hoi Hanneke, je hebt gelijk: de termijn is per ongeluk dubbel geïncasseerd. Ik heb € 89 teruggestort, dat staat binnen twee werkdagen op je rekening. Excuses!", Lisa),
            new(Inbound, Minutes(20), "Oké, fijn dat het zo snel is opgelost, dank je."),
        ], Assignee: Lisa, Tags: ["dubbele incasso"]),
        new("dirk", Channel.Api, Billing, "Webformulier: vraag over teruglevering", New, Minutes(50),
        [
            new(Inbound, Minutes(0), "Via het contactformulier: ik heb sinds oktober zonnepanelen. Hoe wordt de teruglevering verrekend op mijn jaarafrekening, en verandert mijn termijnbedrag?"),
        ]),
        new("bas", Channel.Phone, Service, "Aansluiting nieuwbouw", Open, Hours(26),
        [
            new(Inbound, Minutes(0), "Telefoongesprek: Bas van Leeuwen (installateur) vraagt namens zijn klant wanneer de aansluiting op Zonnebloemstraat 4 in Zwolle actief wordt; de meter is geplaatst."),
            new(Note, Minutes(8), "Netbeheerder moet meter nog aanmelden. Navragen en Bas morgen terugbellen op 010 2345678.", Sem),
        ], Assignee: Sem, Tags: ["nieuwbouw"]),
        new("yvonne", Channel.Email, Service, "Opzeggen na overlijden", Pending, Days(2),
        [
            new(Inbound, Minutes(0), "Geachte heer/mevrouw,\n\nMijn vader, de heer Meijer, is vorige maand overleden. Ik wil graag zijn contract voor internet en tv opzeggen. Wat hebben jullie van mij nodig?\n\nMet vriendelijke groet,\nYvonne Meijer"),
            new(Outbound, Hours(1), "Geachte mevrouw Meijer,\n\nGecondoleerd met het verlies van uw vader. Wij beëindigen het contract kosteloos per de datum die u wenst. Wilt u een kopie van de akte van overlijden sturen? Dan regel ik de rest.\n\nMet vriendelijke groet,\nFatima", Fatima),
        ], Assignee: Fatima, Tags: ["opzegging"]),
        new("stefan", Channel.Email, Billing, "Factuur niet ontvangen", Resolved, Days(20),
        [
            new(Inbound, Minutes(0), "Hallo, ik heb de factuur van december niet ontvangen. Kunnen jullie die opnieuw sturen? Groet, Stefan"),
            new(Outbound, Minutes(30), "Hoi Stefan, ik heb de factuur opnieuw naar dit adres gestuurd. Hij staat ook in Mijn Polder onder 'Facturen'. Groet, Lisa", Lisa),
        ], Assignee: Lisa),
        new("rob", Channel.Chat, Service, null, Closed, Days(8),
        [
            new(Inbound, Minutes(0), "Hoi, welke modeminstellingen moet ik gebruiken om mijn eigen router te gebruiken?"),
            new(Outbound, Minutes(3), "Hoi Rob, zet de modem in bridge-modus via Mijn Polder > Internet > Modem. Daarna kun je je eigen router aansluiten op poort 1.", Sem),
            new(Inbound, Minutes(9), "Gelukt, werkt perfect. Dank!"),
        ], Assignee: Sem),

        // Angry but fair: frustration, capitals, legal threats and managers, but no abuse of the agent.
        new("henk", Channel.Phone, Service, "Al drie weken geen internet", Open, Hours(4),
        [
            new(Inbound, Minutes(0), "Telefoongesprek: meneer Peters is erg boos. Hij zit al drie weken zonder internet, is vier keer afgescheept en wil nu een leidinggevende spreken. Hij overweegt naar de Geschillencommissie te stappen."),
            new(Note, Minutes(10), "Terecht boos: twee monteursafspraken zijn door ons vervallen. Doorgezet naar Mark voor terugbelactie vandaag; compensatie aanbieden.", Anouk),
        ], Assignee: Mark, Priority: ConversationPriority.Urgent, Tags: ["escalatie", "storing"]),
        new("ingrid", Channel.Email, Billing, "DIT IS DE DERDE KEER", Open, Hours(7),
        [
            new(Inbound, Minutes(0), "Geachte heer/mevrouw,\n\nDIT IS DE DERDE KEER DAT IK MAIL!!! Mijn termijnbedrag is zonder overleg verhoogd van € 95 naar € 180. Ik wil binnen vijf werkdagen een schriftelijke uitleg, anders dien ik een klacht in bij de ACM.\n\nIngrid van Dijk"),
            new(Note, Minutes(20), "Vorige twee mails zijn niet beantwoord (zaten in de verkeerde wachtrij). Prioriteit; Esther kijkt mee.", Daan),
        ], Assignee: Daan, Priority: ConversationPriority.High, Tags: ["termijnbedrag", "klacht"]),
        new("wim", Channel.Email, Billing, "Onterechte aanmaning", Pending, Days(1),
        [
            new(Inbound, Minutes(0), "Ik heb een aanmaning met € 15 incassokosten gekregen voor een factuur die ik op 3 maart gewoon heb betaald. Bewijs zit in de bijlage. Dit is echt belachelijk en ik verwacht dat u de kosten schrapt."),
            new(Outbound, Hours(3), "Beste Wim,\n\nU heeft gelijk, de betaling is verkeerd gekoppeld. De aanmaning en de incassokosten zijn ingetrokken. Excuses voor het ongemak.\n\nGroet,\nEsther", Esther),
        ], Assignee: Esther, Tags: ["aanmaning"]),
        new("sanne", Channel.WhatsApp, Service, null, Open, Hours(2),
        [
            new(Inbound, Minutes(0), "Ik heb nu al voor de TWEEDE keer een monteur die niet komt opdagen. Ik heb er een vrije dag voor opgenomen!!"),
            new(Outbound, Minutes(9), "Sanne, dat is heel vervelend en dat had niet mogen gebeuren. Ik plan je nu met voorrang in en zet een vergoeding voor je vrije dag in gang.", Mark),
            new(Inbound, Minutes(12), "Oké. Ik hoop dat het deze keer wel lukt, want ik ben er echt klaar mee."),
        ], Assignee: Mark, Priority: ConversationPriority.High, Tags: ["monteur"]),
        new("priya", Channel.Email, Billing, "Bezwaar tegen boete", New, Hours(1),
        [
            new(Inbound, Minutes(0), "Geachte heer/mevrouw,\n\nU rekent € 150 boete voor het voortijdig opzeggen, maar ik verhuis naar een adres waar u geen glasvezel levert. Volgens uw eigen voorwaarden (artikel 8.3) is opzeggen dan kosteloos. Ik verzoek u de boete te crediteren.\n\nMet vriendelijke groet,\nPriya Ramdin"),
        ], Priority: ConversationPriority.High),
        new("tim", Channel.WhatsApp, Service, null, Resolved, Days(5),
        [
            new(Inbound, Minutes(0), "WAAROM ligt het internet er ALWEER uit??? Derde keer deze week"),
            new(Outbound, Minutes(4), "Hoi Tim, sorry! Er was een storing in jouw wijk door graafwerkzaamheden. Die is inmiddels verholpen. Werkt het weer bij jou?", Sem),
            new(Inbound, Minutes(30), "Ja werkt weer. Maar dit moet echt niet nog een keer gebeuren."),
        ], Assignee: Sem, Tags: ["storing"]),
        new("thomas", Channel.Chat, Service, null, Closed, Days(3),
        [
            new(Inbound, Minutes(0), "Ik wacht nu al 40 minuten in de chat. Dit is toch geen service meer?"),
            new(Outbound, Minutes(1), "Excuses voor het lange wachten, Thomas, het is erg druk door de storing. Waarmee kan ik je helpen?", Anouk),
            new(Inbound, Minutes(2), "Laat maar, het werkt inmiddels weer. Wel balen."),
        ], Assignee: Anouk),
        new("gerrit", Channel.Email, Billing, "Ik stap over naar een andere leverancier", Open, Hours(20),
        [
            new(Inbound, Minutes(0), "Het is mooi geweest. Drie maanden lang verkeerde facturen, niemand die terugbelt. Ik stap over en ik verwacht dat mijn eindafrekening wél klopt. Anders zie ik u bij de rechter."),
        ], Assignee: Esther, Priority: ConversationPriority.High, Tags: ["opzegging", "klacht"]),
        new("anna", Channel.Api, Service, "App-melding: storing stroom", Resolved, Days(10),
        [
            new(Inbound, Minutes(0), "Melding via de app: half de straat zit zonder stroom sinds 19:00. Kunnen jullie iets zeggen over hoe lang het duurt? Ik heb medicijnen in de koelkast."),
            new(Outbound, Minutes(10), "Hoi Anna, de netbeheerder werkt eraan en verwacht het voor 21:00 op te lossen. Bel bij nood direct 0800-9009.", Anouk),
        ], Assignee: Anouk, Priority: ConversationPriority.Urgent, Tags: ["stroomstoring"]),

        // Rude: swearing at the situation, not at a person.
        new("rob", Channel.WhatsApp, Service, null, Open, Minutes(25),
        [
            new(Inbound, Minutes(0), "Wat een kutbedrijf zijn jullie toch. Verdomme, weer geen tv tijdens de finale."),
            new(Outbound, Minutes(5), "Hoi Rob, begrijpelijk dat je baalt. Ik zie een storing op je ontvanger en stuur een reset. Wil je over twee minuten opnieuw proberen?", Sem),
        ], Assignee: Sem, Tags: ["tv"]),
        new("dirk", Channel.Chat, Billing, null, Resolved, Days(2),
        [
            new(Inbound, Minutes(0), "Wat een shit zeg, weer een hogere rekening. Jezus, wie bedenkt dit?"),
            new(Outbound, Minutes(2), "Hoi Dirk, ik snap dat schrikken. De stijging komt door de nieuwe energiebelasting per januari. Zal ik je termijnbedrag samen met je doorrekenen?", Fatima),
            new(Inbound, Minutes(4), "Ja ok, graag."),
        ], Assignee: Fatima),

        // Abusive: insults aimed at the agent, disease curses, sexual remarks, discrimination.
        new("kevin", Channel.WhatsApp, Service, null, Open, Hours(1),
        [
            new(Inbound, Minutes(0), "Zeg kankerlijer, wanneer doen jullie eindelijk eens wat aan mijn internet?"),
            new(Outbound, Minutes(7), "Hallo Kevin, ik help je graag met je internet, maar ik vraag je om normaal te blijven. Ik zie een storing op je aansluiting en plan een monteur in.", Sem),
            new(Inbound, Minutes(9), "Jij bent echt een domme idioot, ik wil iemand die wel kan nadenken."),
            new(Note, Minutes(10), "Tweede keer scheldwoorden richting agent. Volgens protocol gewaarschuwd; bij herhaling gesprek beëindigen.", Sem),
        ], Assignee: Sem, Tags: ["storing"]),
        new("joyce", Channel.Chat, Service, null, Closed, Days(1),
        [
            new(Inbound, Minutes(0), "Tyfushoer, zet mijn internet nou gewoon aan"),
            new(Outbound, Minutes(1), "Ik help je graag, maar niet op deze manier. Als je nog een keer scheldt, beëindig ik het gesprek.", Fatima),
            new(Inbound, Minutes(2), "Krijg de tering met je regels"),
            new(Outbound, Minutes(3), "Ik beëindig dit gesprek nu. Je kunt ons opnieuw benaderen als je rustig bent.", Fatima),
        ], Assignee: Fatima),
        new("noor", Channel.WhatsApp, Service, null, Open, Hours(5),
        [
            new(Inbound, Minutes(0), "Hey Anouk, stuur eens een foto van jezelf, je klinkt zo lekker geil aan de telefoon"),
            new(Note, Minutes(3), "Seksueel getinte opmerking naar Anouk. Overgedragen aan Mark; klant gewaarschuwd.", Anouk),
        ], Assignee: Mark, Tags: ["intimidatie"]),
        new("stefan", Channel.Email, Billing, "Uw medewerker", Open, Hours(30),
        [
            new(Inbound, Minutes(0), "Die Daan van jullie is een incompetente sukkel en een regelrechte oplichter. Jullie zijn allemaal een stelletje debielen."),
        ], Assignee: Esther, Priority: ConversationPriority.High, Tags: ["klacht"]),
        new("kevin", Channel.Phone, Billing, "Scheldpartij aan de telefoon", Closed, Days(14),
        [
            new(Inbound, Minutes(0), "Telefoongesprek: klant noemde de medewerker een vuile kankermongool en een klootzak omdat de incasso was mislukt. Gesprek na waarschuwing beëindigd."),
            new(Note, Minutes(5), "Gesprek beëindigd na waarschuwing. Melding gemaakt bij teamleider.", Lisa),
        ], Assignee: Lisa, Tags: ["agressie"]),
        new("rob", Channel.Email, Service, "Klacht", Resolved, Days(18),
        [
            new(Inbound, Minutes(0), "Ik wil niet geholpen worden door die buitenlander die geen Nederlands spreekt. Stuur me iemand die normaal Nederlands praat."),
            new(Outbound, Hours(2), "Beste Rob,\n\nAl onze medewerkers helpen u even goed en wij wijzen klanten niet toe op afkomst. Uw vraag over de modem is inmiddels opgelost.\n\nMet vriendelijke groet,\nMark", Mark),
        ], Assignee: Mark),

        // Threats and intimidation.
        new("kevin", Channel.Chat, Service, null, Open, Minutes(15),
        [
            new(Inbound, Minutes(0), "Als mijn internet morgen niet werkt kom ik naar jullie kantoor en sla ik de boel kort en klein."),
            new(Note, Minutes(2), "Dreiging aan het adres van het kantoor. Mark en beveiliging ingelicht.", Anouk),
        ], Assignee: Mark, Priority: ConversationPriority.Urgent, Tags: ["dreiging"]),
        new("joyce", Channel.WhatsApp, Service, null, Open, Hours(3),
        [
            new(Inbound, Minutes(0), "Ik weet waar je woont Fatima. Pas maar op als je vanavond naar huis fietst."),
            new(Note, Minutes(1), "Persoonlijke bedreiging aan Fatima. Gesprek overgenomen door Mark; aangifte wordt voorbereid.", Mark),
        ], Assignee: Mark, Priority: ConversationPriority.Urgent, Tags: ["dreiging", "aangifte"]),
        new("tim", Channel.Email, Billing, "Laatste waarschuwing", Open, Hours(9),
        [
            new(Inbound, Minutes(0), "Ik zet jouw naam en foto op Facebook en zorg ervoor dat je ontslagen wordt als die rekening niet vandaag is aangepast. Ik ken mensen bij jullie."),
        ], Assignee: Esther, Priority: ConversationPriority.High, Tags: ["intimidatie"]),
        new("kevin", Channel.Api, Service, "App-melding", New, Minutes(6),
        [
            new(Inbound, Minutes(0), "Ik maak jullie allemaal af als dit nog één keer gebeurt. Ik meen het."),
        ], Priority: ConversationPriority.Urgent),

        // A welfare signal amid a billing question.
        new("wim", Channel.Chat, Billing, null, Open, Minutes(20),
        [
            new(Inbound, Minutes(0), "Ik kan de rekening echt niet meer betalen. Ik zie het allemaal niet meer zitten en wil er soms gewoon niet meer zijn."),
            new(Outbound, Minutes(2), "Wim, dank dat je dit met me deelt. We zoeken samen een oplossing voor de rekening. Praten kan ook altijd anoniem met 113, bel 0800-0113.", Daan),
        ], Assignee: Daan, Priority: ConversationPriority.Urgent, Tags: ["betalingsregeling", "welzijn"]),
    ];

    private static TimeSpan Minutes(int minutes) => TimeSpan.FromMinutes(minutes);

    private static TimeSpan Hours(int hours) => TimeSpan.FromHours(hours);

    private static TimeSpan Days(int days) => TimeSpan.FromDays(days);
}
