<?php

/**
 * @generate-class-entries
 * @undocumentable
 */

namespace MailHive;

/**
 * A POP3 mailer (API.md "POP3"). Every network method blocks until it is done. Messages are addressed
 * by their 1-based index in the maildrop as it was at login.
 * @strict-properties
 * @not-serializable
 */
final class POP3
{
    /** @var int */
    public const AUTH_AUTO = 1;
    /** @var int */
    public const AUTH_USER = 2;
    /** @var int */
    public const AUTH_APOP = 3;
    /** @var int */
    public const AUTH_SASL_PLAIN = 4;

    public string $serverName = "";
    public int $portNumber = 110;
    public string $userName = "";
    public string $password = "";
    public int $authMethod = 1;
    public int $timeout = 30;
    public int $deadline = 0;
    public bool $enableLogging = false;
    public string $logFilePath = "";
    public bool $throwExceptions = false;
    public string $licenseKey = "";

    /* Results of the last call: set by the extension only. */
    public readonly bool $isError;
    public readonly int $errCode;
    public readonly string $errDesc;
    public readonly string $serverResponse;
    public readonly string $clientRequest;
    public readonly bool $connected;
    public readonly bool $busy;
    public readonly array $capabilities;
    /** Messages and their total size in octets (STAT right after login; 0 when not connected). */
    public readonly int $messageCount;
    public readonly int $totalSize;

    public readonly SSL $ssl;

    public function __construct() {}

    public function connect(): bool {}

    public function disconnect(): bool {}

    public function abort(): void {}

    public function getMessageSize(int $index): int|false {}

    public function getMessageUID(int $index): string|false {}

    /** @return array<int, string>|false */
    public function search(): array|false {}

    public function retrieveSingleMessage(int $index): ?Message {}

    public function retrieveSingleMessageHeaders(int $index, int $bodyLines = 0): ?Message {}

    public function deleteMessage(int $index): bool {}

    public function undeleteAll(): bool {}
}
