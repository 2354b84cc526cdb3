--TEST--
Client certificate presented to a server that requires one: PKCS#12 and PEM (key file), and refused without one
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$certs = mh_certs();
$variants = [
    'p12' => fn(MailHive\SSL $ssl) => $ssl->selectClientCert("$certs/client.p12", 'p12pass'),
    'pem+key' => fn(MailHive\SSL $ssl) => $ssl->selectClientCert("$certs/client.pem", '', "$certs/client-key.pem"),
    'combined pem' => fn(MailHive\SSL $ssl) => $ssl->selectClientCert("$certs/client-combined.pem"),
    'none' => fn(MailHive\SSL $ssl) => true,
];
foreach ($variants as $name => $select) {
    $srv = new MhScripted('tls-client-cert');
    $smtp = mh_smtp_for($srv, true);
    $selected = $select($smtp->ssl);
    $ok = $smtp->connect();
    $connected = $smtp->connected;
    $errCode = $smtp->errCode;
    $sslError = $smtp->ssl->sslError;
    $smtp->disconnect();
    $srv->stop();
    preg_match('/^CLIENTCERT (.+)$/m', $srv->stdout, $m);
    printf("%s: selected=%s connect=%s clientCert=%s connected=%s errCode=%d sslError=%d server saw=%s\n", $name,
        var_export($selected, true), var_export($ok, true), $smtp->ssl->clientCert?->issuedBy ?? 'none', var_export($connected, true),
        $errCode, $sslError, $m[1] ?? 'none');
}
?>
--EXPECT--
p12: selected=true connect=true clientCert=mailhive Test CA connected=true errCode=0 sslError=0 server saw=mailhive test client
pem+key: selected=true connect=true clientCert=mailhive Test CA connected=true errCode=0 sslError=0 server saw=mailhive test client
combined pem: selected=true connect=true clientCert=mailhive Test CA connected=true errCode=0 sslError=0 server saw=mailhive test client
none: selected=true connect=false clientCert=none connected=false errCode=14 sslError=12 server saw=none
