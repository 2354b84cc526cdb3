<?php
// bench/php/smtp-bulk.php PORT N — mailhive PHP: N messages of ~5 KB over one STARTTLS connection.
// Same message and settings as bench/lib/common.js. Prints "RESULT {json}".
declare(strict_types=1);
[$port, $n] = [(int)($argv[1] ?? 0), (int)($argv[2] ?? 5)];
$ca = (getenv('MAILHIVE_TEST_DIR') ?: '/tmp/mailhive-test') . '/certs/ca.pem';

$words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore';
$lines = [];
for ($i = 0; count($lines) < 72; $i++) $lines[] = substr(str_pad((string)$i, 3, '0', STR_PAD_LEFT) . ' ' . $words, 0, 70);
$body = implode("\r\n", $lines) . "\r\n";

$smtp = new MailHive\SMTP();
$smtp->serverName = '127.0.0.1';
$smtp->portNumber = $port;
$smtp->timeout = 120;
$smtp->ssl->enabled = true;
$smtp->ssl->useStartTls = true;
$smtp->ssl->autosetPortAndSsl = false;
$smtp->ssl->expectedHostName = 'localhost';
if (!$smtp->ssl->selectServerCertStore($ca, 1)) { fwrite(STDERR, "cannot load $ca\n"); exit(1); }
$smtp->userName = 'test';
$smtp->password = 'secret';
$smtp->message->fromAddr = 'Bench Sender <bench@localhost>';
$smtp->message->toAddr = 'discard@example.com';
$smtp->message->subject = 'mailhive benchmark message';
$smtp->message->bodyText = $body;

function fail(MailHive\SMTP $s, string $what): never {
    fwrite(STDERR, "mailhive PHP $what failed: errCode {$s->errCode} {$s->errDesc} sslError {$s->ssl->sslError} reply {$s->serverResponse}\n");
    exit(1);
}
if (!$smtp->connect()) fail($smtp, 'connect');
$t0 = hrtime(true);
for ($i = 0; $i < $n; $i++) if (!$smtp->send()) fail($smtp, "send #$i");
$ms = (hrtime(true) - $t0) / 1e6;
$smtp->disconnect();
echo 'RESULT ' . json_encode(['n' => $n, 'ms' => $ms, 'rate' => $n / ($ms / 1000)]) . "\n";
