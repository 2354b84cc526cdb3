--TEST--
POP3: CR, LF or NUL in userName, password, serverName, expectedHostName -> ValueError, no connection; the unchanged object then logs in with nothing injected
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
$lst = mh_listener($lport);
$pop = mh_h_mailer(MailHive\POP3::class, $lport, 'plain');
$targets = [
    'userName' => fn($v) => $pop->userName = "test$v",
    'password' => fn($v) => $pop->password = "pw$v",
    'serverName' => fn($v) => $pop->serverName = "127.0.0.1$v",
    'ssl->expectedHostName' => fn($v) => $pop->ssl->expectedHostName = "localhost$v",
];
foreach ($targets as $name => $set) {
    $bad = [];
    foreach (["test\r\nDELE 1", "test\nQUIT", "test\rX", "te\0st"] as $v) {
        $r = mh_value_error(fn() => $set($v));
        if ($r !== '') $bad[] = json_encode($v) . " -> $r";
    }
    mh_report($name, null, [implode('; ', $bad) => !$bad]);
}
mh_report('old values kept', null, [$pop->userName . '/' . $pop->serverName => $pop->userName === 'test' && $pop->serverName === '127.0.0.1']);
mh_report('no connection', null, ['something connected' => !mh_pending($lst)]);
fclose($lst);
$srv = new MhHostile('pop3', 'plain-good');
$pop->portNumber = $srv->port;
$ok = $pop->connect();
if ($ok) $pop->disconnect();
$rec = $srv->stop();
mh_report('clean login afterwards', $pop, ['connect() failed' => $ok === true,
    'injected ' . mh_json($rec) => !preg_match('/DELE|^X/m', $rec)]);
?>
--EXPECT--
userName: ok
password: ok
serverName: ok
ssl->expectedHostName: ok
old values kept: ok
no connection: ok
clean login afterwards: errCode=0 sslError=0 ok
