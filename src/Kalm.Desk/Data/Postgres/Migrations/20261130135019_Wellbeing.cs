using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kalm.Desk.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Wellbeing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastRoutedAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ExposureHits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgentId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    Severity = table.Column<int>(type: "integer", nullable: false),
                    Weight = table.Column<double>(type: "double precision", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExposureHits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExposureHits_AspNetUsers_AgentId",
                        column: x => x.AgentId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExposureHits_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExposureHits_AgentId_At",
                table: "ExposureHits",
                columns: new[] { "AgentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ExposureHits_AgentId_ConversationId",
                table: "ExposureHits",
                columns: new[] { "AgentId", "ConversationId" });

            migrationBuilder.CreateIndex(
                name: "IX_ExposureHits_At",
                table: "ExposureHits",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ExposureHits_ConversationId",
                table: "ExposureHits",
                column: "ConversationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExposureHits");

            migrationBuilder.DropColumn(
                name: "LastRoutedAt",
                table: "AspNetUsers");
        }
    }
}
