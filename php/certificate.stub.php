<?php

/**
 * @generate-class-entries
 * @undocumentable
 */

namespace MailHive;

/**
 * A parsed X.509 certificate (read-only).
 * @strict-properties
 */
final class Certificate
{
    public readonly string $subject;
    public readonly string $issuer;
    public readonly string $issuedTo;
    public readonly string $issuedBy;
    public readonly \DateTimeImmutable $validFrom;
    public readonly \DateTimeImmutable $validTo;
    public readonly string $serialNumber;
    public readonly string $fingerprintSha1;
    public readonly string $fingerprintSha256;
    public readonly array $altNames;
    public readonly string $emailAddress;
    public readonly int $version;
    public readonly string $publicKeyAlgorithm;
    public readonly int $publicKeyBits;
    public readonly bool $isSelfSigned;
    public readonly string $pem;
    public readonly array $verifyErrors;

    private function __construct() {}
}
