using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kalm.Desk.Tests.Infrastructure;

/// <summary>
/// Real mail servers from Debian's packages, started once per test run in a temporary folder on
/// free loopback ports: Postfix accepts SMTP and hands every mail for kalm.test and customer.test
/// over LMTP to Dovecot, which stores it in maildirs and serves them over IMAP. Any user name is an account.
/// </summary>
/// <remarks>
/// Postfix's master process must start as root (it drops to the postfix user), and Dovecot then
/// runs its mail processes as the dovecot user; the test runs are root on these machines. A server
/// that cannot start fails every mail test with the reason instead of skipping it.
/// </remarks>
public sealed class MailServer
{
    /// <summary>The password of every account made with <see cref="CreateAccount"/>.</summary>
    public const string Password = "mail-secret";

    private static readonly Lazy<MailServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _root;

    private MailServer(string root, int imapPort, int smtpPort, int lmtpPort)
    {
        _root = root;
        ImapPort = imapPort;
        SmtpPort = smtpPort;
        LmtpPort = lmtpPort;
    }

    /// <summary>The servers of this test run, started on first use.</summary>
    public static MailServer Instance => Shared.Value;

    public int ImapPort { get; }

    public int SmtpPort { get; }

    public int LmtpPort { get; }

    public static string Host => "127.0.0.1";

    private string PostfixDirectory => Path.Combine(_root, "postfix");

    /// <summary>
    /// A fresh address: <c>name-xxxxxxxx@domain</c>. Every user exists with <see cref="Password"/>
    /// (Dovecot's static passdb), so a test needs no setup and never sees another test's mail.
    /// </summary>
    public static string CreateAccount(string name, string domain = "customer.test") =>
        $"{name}-{Guid.NewGuid().ToString("N")[..8]}@{domain}";

    /// <summary>The IMAP user of an address made by <see cref="CreateAccount"/>.</summary>
    public static string UserOf(string address) => address[..address.IndexOf('@', StringComparison.Ordinal)];

    private static MailServer Start()
    {
        foreach (var program in (string[])["/usr/sbin/dovecot", "/usr/sbin/postfix"])
        {
            if (!File.Exists(program))
            {
                throw new InvalidOperationException(
                    $"{program} is not installed. Run ./test.sh, which installs Debian's dovecot-imapd, dovecot-lmtpd and postfix packages.");
            }
        }

        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("Postfix's master process must start as root; run the mail tests as root (./test.sh does on these machines).");
        }

        var root = Path.Combine(Path.GetTempPath(), "kalm-mail-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var server = new MailServer(root, FreePort(), FreePort(), FreePort());
        try
        {
            server.WriteConfiguration();
            Run("/usr/sbin/dovecot", ["-c", Path.Combine(root, "dovecot.conf")]);
            Run("/usr/sbin/postfix", ["-c", server.PostfixDirectory, "start"]);
            WaitForPort(server.ImapPort);
            WaitForPort(server.SmtpPort);
        }
        catch
        {
            server.Stop();
            throw;
        }

        server.WatchTestHost();
        return server;
    }

    private void WriteConfiguration()
    {
        foreach (var folder in (string[])["run", "state", "mail", "postfix", "postfix-queue", "postfix-data"])
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
        }

        Run("chown", ["-R", "dovecot:", Path.Combine(_root, "mail")]);
        Run("chown", ["postfix:", Path.Combine(_root, "postfix-data")]);

        File.WriteAllText(Path.Combine(_root, "dovecot.conf"), $$"""
            protocols = imap lmtp
            listen = 127.0.0.1
            base_dir = {{_root}}/run
            state_dir = {{_root}}/state
            log_path = {{_root}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            first_valid_uid = 1
            default_internal_user = dovecot
            default_login_user = dovenull
            mail_location = maildir:{{_root}}/mail/%n
            passdb {
              driver = static
              args = password={{Password}}
            }
            userdb {
              driver = static
              args = uid=dovecot gid=dovecot home={{_root}}/mail/%n allow_all_users=yes
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{ImapPort}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service lmtp {
              inet_listener lmtp {
                address = 127.0.0.1
                port = {{LmtpPort}}
              }
            }
            """);

        // Every mail for the two test domains goes over LMTP to Dovecot; nothing is relayed further.
        File.WriteAllText(Path.Combine(PostfixDirectory, "main.cf"), $"""
            compatibility_level = 3.6
            queue_directory = {_root}/postfix-queue
            data_directory = {_root}/postfix-data
            meta_directory = /etc/postfix
            shlib_directory = /usr/lib/postfix
            daemon_directory = /usr/lib/postfix/sbin
            command_directory = /usr/sbin
            mail_owner = postfix
            setgid_group = postdrop
            myhostname = mail.kalm.test
            mydomain = kalm.test
            myorigin = kalm.test
            mydestination =
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            mynetworks = 127.0.0.0/8
            relay_domains =
            virtual_mailbox_domains = kalm.test customer.test
            virtual_transport = lmtp:inet:127.0.0.1:{LmtpPort}
            smtpd_relay_restrictions = permit_mynetworks reject_unauth_destination
            smtpd_recipient_restrictions = permit_mynetworks reject
            maillog_file = {_root}/postfix.log
            maillog_file_prefixes = {_root}
            smtputf8_enable = no
            biff = no
            alias_maps =
            alias_database =
            local_recipient_maps =
            smtp_dns_support_level = disabled
            lmtp_dns_support_level = disabled
            append_dot_mydomain = no
            queue_run_delay = 1s
            minimal_backoff_time = 1s
            maximal_backoff_time = 2s
            """);
        File.WriteAllText(Path.Combine(PostfixDirectory, "master.cf"), $"""
            127.0.0.1:{SmtpPort} inet n - n - - smtpd
            pickup    unix  n - n 60 1 pickup
            cleanup   unix  n - n - 0 cleanup
            qmgr      unix  n - n 300 1 qmgr
            rewrite   unix  - - n - - trivial-rewrite
            bounce    unix  - - n - 0 bounce
            defer     unix  - - n - 0 bounce
            trace     unix  - - n - 0 bounce
            verify    unix  - - n - 1 verify
            flush     unix  n - n 1000? 0 flush
            proxymap  unix  - - n - - proxymap
            smtp      unix  - - n - - smtp
            relay     unix  - - n - - smtp
            showq     unix  n - n - - showq
            error     unix  - - n - - error
            retry     unix  - - n - - error
            discard   unix  - - n - - discard
            lmtp      unix  - - n - - lmtp
            anvil     unix  - - n - 1 anvil
            scache    unix  - - n - 1 scache
            postlog   unix-dgram n - n - 1 postlogd
            """);
    }

    /// <summary>
    /// Stops both servers and removes the folder once this test host has exited. A watchdog
    /// process does it, because the test host can end without running exit handlers, which left
    /// servers running after earlier runs.
    /// </summary>
    private void WatchTestHost()
    {
        var script = $"""
            while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done
            for pid in $(cat '{_root}/postfix-queue/pid/master.pid' '{_root}/run/master.pid' 2>/dev/null); do kill "$pid" 2>/dev/null; done
            sleep 1
            rm -rf '{_root}'
            """;
        var start = new ProcessStartInfo("/bin/sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("Could not start the mail servers' watchdog.");
    }

    private void Stop()
    {
        try
        {
            Run("/bin/sh", ["-c", $"for pid in $(cat '{_root}/postfix-queue/pid/master.pid' '{_root}/run/master.pid' 2>/dev/null); do kill \"$pid\"; done"]);
        }
        catch (InvalidOperationException)
        {
            // Best effort after a failed start: a server that never ran.
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void WaitForPort(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static void Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within 60 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {error.Result}{output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
