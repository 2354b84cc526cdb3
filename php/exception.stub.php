<?php

/**
 * @generate-class-entries
 * @undocumentable
 */

namespace MailHive;

/** Thrown by a mailer when throwExceptions is true, and for file errors of Message. */
class Exception extends \RuntimeException
{
    public int $errCode = 0;
    public int $sslError = 0;
    public string $serverResponse = "";
}
