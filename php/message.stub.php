<?php

/**
 * @generate-class-entries
 * @undocumentable
 */

namespace MailHive;

/**
 * A MIME message to build. $rawBody (read-only here) is a virtual property: reading it builds the
 * RFC 5322 text of the message as it would be sent (without Bcc).
 * @property-read string $rawBody
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
