using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceFlow.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Surveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inbound_mails",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: false),
                    Folder = table.Column<string>(type: "text", nullable: false),
                    Uid = table.Column<long>(type: "bigint", nullable: false),
                    FromAddress = table.Column<string>(type: "text", nullable: true),
                    FromName = table.Column<string>(type: "text", nullable: true),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    TextBody = table.Column<string>(type: "text", nullable: true),
                    HtmlBody = table.Column<string>(type: "text", nullable: true),
                    InReplyTo = table.Column<string>(type: "text", nullable: true),
                    References = table.Column<List<string>>(type: "text[]", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BusinessKey = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbound_mails", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mailbox_states",
                schema: "serviceflow",
                columns: table => new
                {
                    Folder = table.Column<string>(type: "text", nullable: false),
                    UidValidity = table.Column<long>(type: "bigint", nullable: false),
                    LastUid = table.Column<long>(type: "bigint", nullable: false),
                    LastPolledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mailbox_states", x => x.Folder);
                });

            migrationBuilder.CreateTable(
                name: "surveys",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BusinessKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Recipient = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    RecipientName = table.Column<string>(type: "text", nullable: true),
                    Culture = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Nonce = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: true),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReminderSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_surveys", x => x.Id);
                    table.CheckConstraint("ck_surveys_score", "\"Score\" IS NULL OR \"Score\" BETWEEN 1 AND 5");
                });

            migrationBuilder.CreateTable(
                name: "inbound_mail_attachments",
                schema: "serviceflow",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MailId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "text", nullable: false),
                    ContentType = table.Column<string>(type: "text", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbound_mail_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inbound_mail_attachments_inbound_mails_MailId",
                        column: x => x.MailId,
                        principalSchema: "serviceflow",
                        principalTable: "inbound_mails",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inbound_mail_attachments_MailId",
                schema: "serviceflow",
                table: "inbound_mail_attachments",
                column: "MailId");

            migrationBuilder.CreateIndex(
                name: "IX_inbound_mails_BusinessKey",
                schema: "serviceflow",
                table: "inbound_mails",
                column: "BusinessKey");

            migrationBuilder.CreateIndex(
                name: "IX_inbound_mails_MessageId",
                schema: "serviceflow",
                table: "inbound_mails",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inbound_mails_Status_ReceivedAt",
                schema: "serviceflow",
                table: "inbound_mails",
                columns: new[] { "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_surveys_BusinessKey",
                schema: "serviceflow",
                table: "surveys",
                column: "BusinessKey");

            migrationBuilder.CreateIndex(
                name: "IX_surveys_InstanceId",
                schema: "serviceflow",
                table: "surveys",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "ix_surveys_one_answer_per_ticket",
                schema: "serviceflow",
                table: "surveys",
                column: "BusinessKey",
                unique: true,
                filter: "\"Status\" = 'Answered'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbound_mail_attachments",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "mailbox_states",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "surveys",
                schema: "serviceflow");

            migrationBuilder.DropTable(
                name: "inbound_mails",
                schema: "serviceflow");
        }
    }
}
