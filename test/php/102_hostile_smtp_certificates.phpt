--TEST--
Hostile SMTP certificates, implicit TLS and STARTTLS: self-signed, unknown CA, wrong host, expired, not yet valid, missing intermediate (2), full chain, no SAN (CN matches: accepted), RSA-1024 and SHA-1 (7), valid control
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
// kind => [sslError (0 = accepted), verifyErrors word, certs.sh pair]
// nosan: CN=localhost without subjectAltName is ACCEPTED (GnuTLS falls back to the CN when there is no
// dNSName SAN, RFC 6125 6.4.4) - the honest result, as in test/node/hostile-certificates.test.js.
$kinds = [
    'good' => [0, '', 'server'], 'selfsigned' => [2, 'untrusted', 'selfsigned'], 'unknownca' => [2, 'untrusted', 'unknownca'],
    'wronghost' => [5, 'hostname-mismatch', 'wronghost'], 'expired' => [3, 'expired', 'expired'],
    'notyet' => [4, 'not-yet-valid', 'notyet'], 'chain-missing' => [2, 'untrusted', 'chainleaf'],
    'chain-full' => [0, '', 'chainfull'], 'nosan' => [0, '', 'nosan'],
    'weakkey' => [7, 'insecure-algorithm', 'weakkey'], 'sha1' => [7, 'insecure-algorithm', 'sha1'],
];
// scripted.js: implicit TLS scenarios per kind; its STARTTLS server presents the "server" pair of its
// certDir, so the STARTTLS cases run "starttls-ok" with a certDir whose server pair is the kind's.
$implicit = ['good' => 'tls-good', 'selfsigned' => 'tls-selfsigned', 'unknownca' => 'tls-unknown-ca',
    'wronghost' => 'tls-wronghost', 'expired' => 'tls-expired'];
foreach (['tls', 'starttls'] as $mode) {
    foreach ($kinds as $kind => [$sslError, $word, $pair]) {
        $certDir = null;
        if ($mode === 'tls') {
            $srv = new MhHostile('smtp', $implicit[$kind] ?? "tls-$kind");
        } else {
            $certDir = mh_cert_dir_with_server($pair);
            $srv = new MhHostile('smtp', 'starttls-ok', ['certDir' => $certDir]);
        }
        $smtp = mh_h_mailer(MailHive\SMTP::class, $srv->port, $mode, 5, 'secret'); // scripted.js checks test/secret
        $ok = $smtp->send();
        $cert = $smtp->ssl->serverCert;
        $verr = $cert ? $cert->verifyErrors : null;
        if ($ok) $smtp->disconnect();
        usleep(50000);
        $rec = $srv->stop();
        if ($certDir) mh_rmdir($certDir);
        $name = "$mode $kind";
        if ($sslError) {
            $plainRe = $mode === 'tls' ? '/^$/' : '/^EHLO [^\r\n]+\r\nSTARTTLS\r\n$/';
            $leak = mh_leaks($rec, 'smtp', ['secret']);
            mh_report($name, $smtp, [
                'send() returned true' => $ok === false,
                'errCode != 12' => $smtp->errCode === 12,
                "sslError != $sslError" => $smtp->ssl->sslError === $sslError,
                'no serverCert' => $cert !== null,
                "verifyErrors lacks $word: " . json_encode($verr) => is_array($verr) && in_array($word, $verr, true),
                'still connected' => !$smtp->connected,
                'wire ' . mh_json($rec) => (bool)preg_match($plainRe, $rec),
                "leak: $leak" => $leak === '',
            ]);
        } else {
            mh_report($name, $smtp, [
                'send() failed' => $ok === true,
                'sslError' => $smtp->ssl->sslError === 0,
                'verifyErrors ' . json_encode($verr) => $verr === [],
                'message not sent' => str_contains($rec, MH_BODY),
                'plaintext leak' => $mode === 'tls' || mh_leaks(mh_plain_part($rec), 'smtp', ['secret']) === '',
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
