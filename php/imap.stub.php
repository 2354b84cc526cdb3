<?php

/**
 * @generate-class-entries
 * @undocumentable
 */

namespace MailHive;

/**
 * An IMAP4rev1 mailer (API.md "IMAP4"). Every network method blocks until it is done.
 * Mailbox names, search criteria, message sets and flags holding CR, LF or NUL throw ValueError
 * before anything is sent.
 * @strict-properties
 * @not-serializable
 */
final class IMAP4
{
    /** @var int */
    public const AUTH_AUTO = 1;
    /** @var int */
    public const AUTH_LOGIN = 2;
    /** @var int */
    public const AUTH_PLAIN = 3;
    /** @var int */
    public const AUTH_XOAUTH2 = 5;
    /** @var int */
    public const FLAGS_ADD = 1;
    /** @var int */
    public const FLAGS_REMOVE = 2;
    /** @var int */
    public const FLAGS_REPLACE = 3;

    public string $serverName = "";
    public int $portNumber = 143;
    public string $userName = "";
    public string $password = "";
    public int $authMethod = 1;
    public int $timeout = 30;
    public int $deadline = 0;
    public bool $enableLogging = false;
    public string $logFilePath = "";
    public bool $throwExceptions = false;
    public string $licenseKey = "";
    /** The sequence set retrieveEnvelopes() uses when $first is -1 ("1:5", "3,7,9:*"). */
    public string $messageSet = "";

    /* Results of the last call: set by the extension only. */
    public readonly bool $isError;
    public readonly int $errCode;
    public readonly string $errDesc;
    public readonly string $serverResponse;
    public readonly string $clientRequest;
    public readonly bool $connected;
    public readonly bool $busy;
    public readonly array $capabilities;
    /** The selected mailbox (after selectMailbox()/examineMailbox(); 0 when none). */
    public readonly int $messageCount;
    public readonly int $recentCount;
    public readonly int $uidValidity;
    public readonly int $uidNext;

    public readonly SSL $ssl;

    public function __construct() {}

    public function connect(): bool {}

    public function disconnect(): bool {}

    public function abort(): void {}

    /** @return array<int, Mailbox>|false */
    public function retrieveMailboxes(string $root = "", bool $subscribedOnly = false): array|false {}

    public function selectMailbox(string $name): bool {}

    public function examineMailbox(string $name): bool {}

    public function createMailbox(string $name): bool {}

    public function deleteMailbox(string $name): bool {}

    public function renameMailbox(string $oldName, string $newName): bool {}

    /** @return array<int, Envelope>|false */
    public function retrieveEnvelopes(int $first, int $last = -1, bool $asUid = false): array|false {}

    public function retrieveSingleMessage(int $id, bool $asUid = false): ?Message {}

    public function retrieveSingleMessageHeaders(int $id, bool $asUid = false): ?Message {}

    /** @return array<int, int>|false */
    public function search(string $criteria = "ALL", bool $asUid = false): array|false {}

    public function setFlags(string $set, string $flags, int $mode, bool $asUid = false): bool {}

    public function copyMessages(string $set, string $mailbox, bool $asUid = false): bool {}

    public function moveMessages(string $set, string $mailbox, bool $asUid = false): bool {}

    public function deleteMessages(string $set, bool $asUid = false): bool {}

    public function expunge(): bool {}

    public function appendMessage(string $mailbox, Message|string $message, string $flags = ""): bool {}

    /** true when the selected mailbox changed within $seconds, false when the time was up (or on error). */
    public function idle(int $seconds): bool {}
}

/**
 * One message as IMAP4::retrieveEnvelopes() lists it (read-only).
 * @strict-properties
 * @not-serializable
 */
final class Envelope
{
    public readonly int $messageNumber;
    public readonly int $uid;
    public readonly int $size;
    public readonly array $flags;
    public readonly string $date;
    public readonly string $subject;
    public readonly string $fromAddr;
    public readonly string $toAddr;
    public readonly string $ccAddr;
    public readonly string $replyToAddr;
    public readonly string $messageId;

    private function __construct() {}
}

/**
 * One mailbox as IMAP4::retrieveMailboxes() lists it (read-only).
 * @strict-properties
 * @not-serializable
 */
final class Mailbox
{
    public readonly string $name;
    public readonly string $delimiter;
    public readonly array $flags;

    private function __construct() {}
}
