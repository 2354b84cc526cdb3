<?php

/**
 * @generate-class-entries
 * @undocumentable
 */

namespace MailHive;

/**
 * TLS settings and results of one mailer ($mailer->ssl); never created alone.
 * @strict-properties
 * @not-serializable
 */
final class SSL
{
    /** @var int */
    public const PROTOCOL_AUTO = 0;
    /** @var int */
    public const PROTOCOL_TLS10 = 1;
    /** @var int */
    public const PROTOCOL_TLS11 = 2;
    /** @var int */
    public const PROTOCOL_TLS12 = 3;
    /** @var int */
    public const PROTOCOL_TLS13 = 4;

    public bool $enabled = false;
    public bool $useStartTls = false;
    public bool $autosetPortAndSsl = true;
    public int $protocol = 0;
    public bool $verifyServerCert = true;
    public string $expectedHostName = "";
    public string $pinSha256 = "";

    /* Results: set by the extension only. */
    public readonly int $sslError;
    public readonly int $sslSpecificError;
    public readonly string $negotiatedProtocol;
    public readonly string $cipherSuite;
    public readonly ?Certificate $serverCert;
    public readonly ?Certificate $clientCert;

    private function __construct() {}

    public function selectServerCertStore(string $path, int $storeType, int $options = 0): bool {}

    /** $password is marked #[\SensitiveParameter] by ssl.cc (the generated C code for it is not C++). */
    public function selectClientCert(string $path, string $password = "", string $keyPath = ""): bool {}
}
