using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kalm.Desk.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EmailChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Mailboxes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ImapHost = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ImapPort = table.Column<int>(type: "INTEGER", nullable: false),
                    ImapSecurity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ImapUser = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    ImapPasswordProtected = table.Column<string>(type: "TEXT", nullable: true),
                    Folder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PollInterval = table.Column<long>(type: "INTEGER", nullable: false),
                    SmtpHost = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    SmtpPort = table.Column<int>(type: "INTEGER", nullable: false),
                    SmtpSecurity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SmtpUser = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    SmtpPasswordProtected = table.Column<string>(type: "TEXT", nullable: true),
                    FromAddress = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AutoAcknowledge = table.Column<bool>(type: "INTEGER", nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UidValidity = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUid = table.Column<long>(type: "INTEGER", nullable: false),
                    LastPolledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Mailboxes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Mailboxes_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "EmailRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MailboxId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outbound = table.Column<bool>(type: "INTEGER", nullable: false),
                    RfcMessageId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    References = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Uid = table.Column<long>(type: "INTEGER", nullable: true),
                    Automatic = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ParseError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ThreadRef = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmailRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EmailRecords_Mailboxes_MailboxId",
                        column: x => x.MailboxId,
                        principalTable: "Mailboxes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EmailRecords_Messages_Id",
                        column: x => x.Id,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EmailRecords_ConversationId",
                table: "EmailRecords",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_EmailRecords_MailboxId",
                table: "EmailRecords",
                column: "MailboxId");

            migrationBuilder.CreateIndex(
                name: "IX_EmailRecords_Outbound_SentAt_NextAttemptAt",
                table: "EmailRecords",
                columns: new[] { "Outbound", "SentAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EmailRecords_RfcMessageId",
                table: "EmailRecords",
                column: "RfcMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_EmailRecords_ThreadRef",
                table: "EmailRecords",
                column: "ThreadRef");

            migrationBuilder.CreateIndex(
                name: "IX_Mailboxes_Name",
                table: "Mailboxes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Mailboxes_TeamId",
                table: "Mailboxes",
                column: "TeamId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmailRecords");

            migrationBuilder.DropTable(
                name: "Mailboxes");
        }
    }
}
