--TEST--
useStartTls against POP3/IMAP servers that do not offer STLS/STARTTLS: errCode 11, sslError 9, no credentials sent (tiny PHP servers record what the client sent)
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_helpers.inc';

/** A one-connection server: sends $greeting, answers each line from $answers (by first word), records the rest. */
function mh_tiny_server(string $greeting, array $answers): array {
    $code = '$s = stream_socket_server("tcp://127.0.0.1:0", $e, $es); echo "PORT ", explode(":", stream_socket_get_name($s, false))[1], "\n";'
        . '$c = @stream_socket_accept($s, 20); if (!$c) exit; fwrite($c, ' . var_export($greeting, true) . ');'
        . '$a = ' . var_export($answers, true) . '; $seen = "";'
        . 'while (($l = fgets($c)) !== false) { $seen .= $l; $w = strtoupper(strtok(preg_replace("/^\S+ (?=[A-Z])/", "", trim($l)) . " ", " "));'
        . ' if (isset($a[$w])) fwrite($c, str_replace("{tag}", strtok(trim($l), " "), $a[$w])); }'
        . 'echo base64_encode($seen), "\n";';
    $p = proc_open([PHP_BINARY, '-n', '-r', $code], [1 => ['pipe', 'w']], $pipes);
    preg_match('/^PORT (\d+)/', fgets($pipes[1]), $m);
    return [$p, $pipes[1], (int)$m[1]];
}

function mh_run(string $class, string $greeting, array $answers): void {
    [$proc, $out, $port] = mh_tiny_server($greeting, $answers);
    $m = new $class();
    $m->serverName = '127.0.0.1';
    $m->portNumber = $port;
    $m->timeout = 10;
    $m->userName = 'joe';
    $m->password = 'top-secret';
    $m->ssl->enabled = true;
    $m->ssl->useStartTls = true;
    var_dump($m->connect(), $m->errCode, $m->ssl->sslError, $m->connected);
    $m->abort();
    $seen = base64_decode(trim((string)stream_get_contents($out)));
    proc_close($proc);
    echo "client sent: ", json_encode($seen), "\n";
    var_dump(str_contains($seen, 'joe'), str_contains($seen, 'top-secret'));
}

echo "-- POP3\n";
mh_run(MailHive\POP3::class, "+OK ready\r\n", ['CAPA' => "+OK\r\nUSER\r\nTOP\r\n.\r\n", 'QUIT' => "+OK bye\r\n"]);
echo "-- IMAP4\n";
mh_run(MailHive\IMAP4::class, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n",
       ['CAPABILITY' => "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n{tag} OK done\r\n", 'LOGOUT' => "* BYE\r\n{tag} OK bye\r\n"]);
?>
--EXPECT--
-- POP3
bool(false)
int(11)
int(9)
bool(false)
client sent: "CAPA\r\n"
bool(false)
bool(false)
-- IMAP4
bool(false)
int(11)
int(9)
bool(false)
client sent: ""
bool(false)
bool(false)
