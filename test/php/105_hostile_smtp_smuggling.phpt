--TEST--
SMTP smuggling: bare CR/LF, "\n.\n" and friends, NUL in bodyText, in a parsed rawBody and in an HTML body + alternative + attachment never reach the wire raw (the recorded DATA section is parsed byte by byte)
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
$SMUGGLE = "MAIL FROM:<evil@attacker.example>\r\nRCPT TO:<victim@localhost>\r\nDATA\r\nSmuggled\r\n";
$vectors = [
    'bare LF dot LF' => "a\n.\n$SMUGGLE", 'bare CR dot CR' => "a\r.\r$SMUGGLE", 'LF dot CRLF' => "a\n.\r\n$SMUGGLE",
    'CR dot CRLF' => "a\r.\r\n$SMUGGLE", 'CRLF dot LF' => "a\r\n.\n$SMUGGLE", 'CRLF dot CR' => "a\r\n.\r$SMUGGLE",
    'CRLF dot CRLF' => "a\r\n.\r\n$SMUGGLE", 'dot line first' => ".\r\n$SMUGGLE", 'bare CR' => "one\rtwo\rthree",
    'bare LF' => "one\ntwo\nthree", 'NUL byte' => "one\0two\r\n.\0\r\nthree", 'dot NUL' => "a\r\n.\0\r\n$SMUGGLE",
];

/** What is wrong with one session's bytes ('' = nothing). */
function wire_problems(string $buf): string {
    $start = strpos($buf, "\r\nDATA\r\n");
    if ($start === false) return 'no DATA ' . mh_json($buf);
    $from = $start + 8;
    $end = strpos($buf, "\r\n.\r\n", $from);
    if ($end === false) return 'no end of data';
    $data = substr($buf, $from, $end + 2 - $from);
    $rest = substr($buf, $end + 5);
    $n = strlen($data);
    for ($i = 0; $i < $n; $i++) {
        $c = $data[$i];
        if ($c === "\r" && ($data[$i + 1] ?? '') !== "\n") return "bare CR at $i: " . mh_json(substr($data, max(0, $i - 20), 40));
        if ($c === "\n" && ($i === 0 || $data[$i - 1] !== "\r")) return "bare LF at $i: " . mh_json(substr($data, max(0, $i - 20), 40));
        if ($c === "\0") return "NUL at $i";
    }
    foreach (explode("\r\n", $data) as $line) {
        if (str_starts_with($line, '.') && !str_starts_with($line, '..')) return 'unstuffed dot line ' . mh_json($line);
    }
    if (!preg_match('/^(QUIT\r\n)?$/', $rest)) return 'after the end of data: ' . mh_json($rest);
    $before = substr($buf, 0, $start + 8);
    if (preg_match_all('/^MAIL FROM/m', $before) !== 1) return 'not one MAIL FROM: ' . mh_json($before);
    if (preg_match('/^RCPT TO:<victim/m', $before)) return 'victim is a recipient';
    return '';
}

$srv = new MhHostile('smtp', 'no-starttls');
$offset = 0;
$run = function (string $name, callable $setup) use ($srv, &$offset) {
    $smtp = mh_h_mailer(MailHive\SMTP::class, $srv->port, 'plain');
    $smtp->password = 'secret';
    $setup($smtp);
    $ok = $smtp->send();
    $smtp->disconnect();
    usleep(20000);
    $all = $srv->recorded();
    $session = substr($all, $offset);
    $offset = strlen($all);
    $p = $ok ? wire_problems($session) : '';
    mh_report($name, $smtp, ['send() failed' => $ok === true, "wire: $p" => $p === '']);
};
foreach ($vectors as $name => $body) {
    $run("bodyText $name", function ($smtp) use ($body) { $smtp->message->bodyText = $body; });
}
foreach ($vectors as $name => $body) {
    $run("rawBody $name", function ($smtp) use ($body) {
        $m = new MailHive\Message();
        $m->rawBody = "From: sender@localhost\r\nTo: test@localhost\r\nSubject: raw\r\n\r\n$body\r\nend\r\n";
        $smtp->message = $m;
    });
}
$run('html + alternative + attachment', function ($smtp) use ($vectors) {
    $smtp->message->bodyFormat = MailHive\Message::FORMAT_HTML;
    $smtp->message->bodyText = '<p>' . implode('<br>', $vectors) . '</p>';
    $smtp->message->altBodyText = implode("\n", $vectors);
    $smtp->message->addAttachmentData(implode('', $vectors), 'v.txt', 'text/plain');
});
$srv->stop();
?>
--EXPECT--
bodyText bare LF dot LF: errCode=0 sslError=0 ok
bodyText bare CR dot CR: errCode=0 sslError=0 ok
bodyText LF dot CRLF: errCode=0 sslError=0 ok
bodyText CR dot CRLF: errCode=0 sslError=0 ok
bodyText CRLF dot LF: errCode=0 sslError=0 ok
bodyText CRLF dot CR: errCode=0 sslError=0 ok
bodyText CRLF dot CRLF: errCode=0 sslError=0 ok
bodyText dot line first: errCode=0 sslError=0 ok
bodyText bare CR: errCode=0 sslError=0 ok
bodyText bare LF: errCode=0 sslError=0 ok
bodyText NUL byte: errCode=0 sslError=0 ok
bodyText dot NUL: errCode=0 sslError=0 ok
rawBody bare LF dot LF: errCode=0 sslError=0 ok
rawBody bare CR dot CR: errCode=0 sslError=0 ok
rawBody LF dot CRLF: errCode=0 sslError=0 ok
rawBody CR dot CRLF: errCode=0 sslError=0 ok
rawBody CRLF dot LF: errCode=0 sslError=0 ok
rawBody CRLF dot CR: errCode=0 sslError=0 ok
rawBody CRLF dot CRLF: errCode=0 sslError=0 ok
rawBody dot line first: errCode=0 sslError=0 ok
rawBody bare CR: errCode=0 sslError=0 ok
rawBody bare LF: errCode=0 sslError=0 ok
rawBody NUL byte: errCode=0 sslError=0 ok
rawBody dot NUL: errCode=0 sslError=0 ok
html + alternative + attachment: errCode=0 sslError=0 ok
