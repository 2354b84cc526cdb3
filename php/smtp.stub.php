<?php

/**
 * @generate-class-entries
 * @undocumentable
 */

namespace MailHive;

/**
 * An SMTP mailer (API.md "SMTP"). Every network method blocks until it is done.
 *
 * The message shortcuts below are not stored on the SMTP object: the object handlers of the
 * extension forward them to $this->message (read and write), so they are always in step with it.
 * @property string $fromAddr
 * @property string $toAddr
 * @property string $ccAddr
 * @property string $bccAddr
 * @property string $subject
 * @property string $bodyText
 * @property int $bodyFormat
 * @property string $charset
 *
 * @strict-properties
 * @not-serializable
 */
final class SMTP
{
    /** @var int */
    public const AUTH_NONE = 0;
    /** @var int */
    public const AUTH_AUTO = 1;
    /** @var int */
    public const AUTH_LOGIN = 2;
    /** @var int */
    public const AUTH_PLAIN = 3;
    /** @var int */
    public const AUTH_CRAM_MD5 = 4;
    /** @var int */
    public const AUTH_XOAUTH2 = 5;

    public string $serverName = "";
    public int $portNumber = 25;
    public string $userName = "";
    public string $password = "";
    public int $authMethod = 1;
    public string $domain = "";
    public int $timeout = 30;
    public int $deadline = 0;
    public bool $allowRefusedRecipients = false;
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
    public readonly array $refusedRecipients;
    public readonly array $serverCapabilities;

    public readonly SSL $ssl;
    public Message $message;

    public function __construct() {}

    public function connect(): bool {}

    public function send(): bool {}

    public function disconnect(): bool {}

    public function abort(): void {}
}
