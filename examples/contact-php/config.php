<?php
// Settings of the contact form, from the environment (php -S inherits it; for php-fpm see README.md).
// The defaults fit the private test mail server of this repository (scripts/mailstack.sh).
declare(strict_types=1);

if (PHP_SAPI !== 'cli' && realpath((string)($_SERVER['SCRIPT_FILENAME'] ?? '')) === __FILE__) {
    http_response_code(404); // included by index.php, never a page of its own
    exit;
}

$env = static function (string $name, string $default = ''): string {
    $v = getenv($name);
    return ($v === false || $v === '') ? $default : $v;
};

return [
    'host' => $env('SMTP_HOST', 'localhost'),
    'port' => (int)$env('SMTP_PORT', '10025'),
    'user' => $env('SMTP_USER'),
    'password' => $env('SMTP_PASSWORD'),
    // PEM file with the CA that signed the server's certificate; '' = the system trust store.
    'ca_file' => $env('SMTP_CA_FILE'),
    'timeout' => (int)$env('SMTP_TIMEOUT', '20'),
    // Fixed on the server: the visitor never chooses the sender or a recipient.
    'from' => $env('CONTACT_FROM', 'Contact form <contact-form@localhost>'),
    'to' => $env('CONTACT_TO', 'test@localhost'),
    'subject_prefix' => $env('CONTACT_SUBJECT_PREFIX', '[Contact] '),
];
