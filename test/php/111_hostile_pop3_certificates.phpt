--TEST--
Hostile POP3 certificates, implicit TLS and STARTTLS/STLS: self-signed, unknown CA, wrong host, expired, not yet valid, missing intermediate (2), full chain, no SAN (CN matches: accepted), RSA-1024 and SHA-1 (7), valid control; no login over a rejected session
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
// kind => [sslError (0 = accepted), verifyErrors word]; nosan: accepted (GnuTLS falls back to the CN
// when there is no dNSName SAN, RFC 6125 6.4.4), as in test/node/hostile-certificates.test.js.
$kinds = ['good' => [0, ''], 'selfsigned' => [2, 'untrusted'], 'unknownca' => [2, 'untrusted'],
    'wronghost' => [5, 'hostname-mismatch'], 'expired' => [3, 'expired'], 'notyet' => [4, 'not-yet-valid'],
    'chain-missing' => [2, 'untrusted'], 'chain-full' => [0, ''], 'nosan' => [0, ''],
    'weakkey' => [7, 'insecure-algorithm'], 'sha1' => [7, 'insecure-algorithm']];
foreach (['tls', 'starttls'] as $mode) {
    foreach ($kinds as $kind => [$sslError, $word]) {
        $srv = new MhHostile('pop3', $mode === 'tls' ? "tls-$kind" : "stls-cert-$kind");
        $m = mh_h_mailer(MailHive\POP3::class, $srv->port, $mode);
        $ok = $m->connect();
        $cert = $m->ssl->serverCert;
        $verr = $cert ? $cert->verifyErrors : null;
        if ($ok) $m->disconnect();
        usleep(50000);
        $rec = $srv->stop();
        if ($sslError) {
            $leak = mh_leaks($rec, 'pop3');
            mh_report("$mode $kind", $m, [
                'connect() returned true' => $ok === false,
                'errCode != 12' => $m->errCode === 12,
                "sslError != $sslError" => $m->ssl->sslError === $sslError,
                "verifyErrors lacks $word: " . json_encode($verr) => is_array($verr) && in_array($word, $verr, true),
                'still connected' => !$m->connected,
                'wire ' . mh_json($rec) => (bool)preg_match($mode === 'tls' ? '/^$/' : '/^CAPA\r\nSTLS\r\n$/', $rec),
                "leak: $leak" => $leak === '',
            ]);
        } else {
            $leak = $mode === 'tls' ? '' : mh_leaks(mh_plain_part($rec), 'pop3');
            mh_report("$mode $kind", $m, [
                'connect() failed' => $ok === true,
                'verifyErrors ' . json_encode($verr) => $verr === [],
                'issuedTo' => $cert && $cert->issuedTo === 'localhost',
                "plaintext leak: $leak" => $leak === '',
            ]);
        }
    }
}
?>
--EXPECT--
tls good: errCode=0 sslError=0 ok
tls selfsigned: errCode=12 sslError=2 ok
tls unknownca: errCode=12 sslError=2 ok
tls wronghost: errCode=12 sslError=5 ok
tls expired: errCode=12 sslError=3 ok
tls notyet: errCode=12 sslError=4 ok
tls chain-missing: errCode=12 sslError=2 ok
tls chain-full: errCode=0 sslError=0 ok
tls nosan: errCode=0 sslError=0 ok
tls weakkey: errCode=12 sslError=7 ok
tls sha1: errCode=12 sslError=7 ok
starttls good: errCode=0 sslError=0 ok
starttls selfsigned: errCode=12 sslError=2 ok
starttls unknownca: errCode=12 sslError=2 ok
starttls wronghost: errCode=12 sslError=5 ok
starttls expired: errCode=12 sslError=3 ok
starttls notyet: errCode=12 sslError=4 ok
starttls chain-missing: errCode=12 sslError=2 ok
starttls chain-full: errCode=0 sslError=0 ok
starttls nosan: errCode=0 sslError=0 ok
starttls weakkey: errCode=12 sslError=7 ok
starttls sha1: errCode=12 sslError=7 ok
