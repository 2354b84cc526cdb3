<?php

/**
 * @generate-class-entries
 * @undocumentable
 */

namespace MailHive;

/**
 * A MIME message to build, or one that was parsed (rawBody = ..., importFromFile(), POP3/IMAP4
 * retrieval). $rawBody is a virtual property: reading it gives the original bytes of a parsed message
 * whose fields are unchanged, else builds the RFC 5322 text as it would be sent (without Bcc);
 * writing it parses the text (never fails on odd mail) and replaces every field, attachment and header.
 * @property string $rawBody
 *
 * @strict-properties
 * @not-serializable
 */
final class Message
{
    /** @var int */
    public const FORMAT_TEXT = 0;
    /** @var int */
    public const FORMAT_HTML = 1;

    public string $fromAddr = "";
    public string $toAddr = "";
    public string $ccAddr = "";
    public string $bccAddr = "";
    public string $replyToAddr = "";
    public string $subject = "";
    public string $bodyText = "";
    public int $bodyFormat = 0;
    public string $altBodyText = "";
    public string $charset = "utf-8";
    public string $date = "";
    public string $messageId = "";
    public int $priority = 0;
    /** @var array<int, Attachment> */
    public array $attachments = [];

    public function __construct() {}

    public function addAttachment(string $path, string $name = "", string $contentId = "", string $contentType = ""): bool {}

    public function addAttachmentData(string $data, string $name, string $contentType = ""): void {}

    public function getHeader(string $name): string {}

    public function setHeader(string $name, string $value): void {}

    public function saveMessage(string $path): bool {}

    /** Replaces the message by the parsed .eml file; throws MailHive\Exception (301) when unreadable. */
    public function importFromFile(string $path): bool {}
}

/**
 * One attachment of a Message (read-only; made by Message::addAttachment*).
 * @strict-properties
 * @not-serializable
 */
final class Attachment
{
    public readonly string $filename;
    public readonly string $contentType;
    public readonly string $contentId;
    public readonly int $size;

    private function __construct() {}

    public function getData(): string {}

    public function saveFile(string $path): bool {}
}
