--TEST--
`php --re mailhive` (a fresh php -n process) lists the 10 classes, every constant with its value and a type on every public property
--EXTENSIONS--
mailhive
--FILE--
<?php
// The absolute path of the mailhive.so this process loaded: /proc/self/maps on Linux, else the
// -d extension=... that run-tests.php passes on (TEST_PHP_EXTRA_ARGS).
function mh_loaded_so(): ?string {
    foreach (@file('/proc/self/maps') ?: [] as $line) {
        if (preg_match('~\s(/\S*/mailhive\.so)$~', rtrim($line), $m)) return $m[1];
    }
    if (preg_match('~extension=["\']?(/[^"\'\s]*mailhive\.so)~', (string)getenv('TEST_PHP_EXTRA_ARGS'), $m)) return $m[1];
    return null;
}
$so = mh_loaded_so();
var_dump($so !== null && is_file($so));
$cmd = escapeshellarg(PHP_BINARY) . ' -n -d ' . escapeshellarg("extension=$so");
$re = (string)shell_exec("$cmd --re mailhive 2>&1");
$ri = (string)shell_exec("$cmd --ri mailhive 2>&1");

var_dump((bool)preg_match('/^Extension \[ <persistent> extension #\d+ mailhive version 0\.1\.0 \]/', $re));
preg_match('/- Classes \[(\d+)\]/', $re, $m);
echo "classes: ", $m[1] ?? '?', "\n";
$problems = [];
// Split per class; check the class header, every public property is typed, constants print with their values.
$blocks = preg_split('/^    Class \[ /m', $re);
array_shift($blocks);
$seen = [];
foreach ($blocks as $b) {
    if (!preg_match('/^<internal:mailhive> (final )?class (MailHive\\\\\w+)/', $b, $h)) { $problems[] = 'odd class header: ' . strtok($b, "\n"); continue; }
    $cls = $h[2];
    $seen[] = $cls;
    preg_match_all('/^\s+Property \[ public (.*?) \]$/m', $b, $props);
    foreach ($props[1] as $p) {
        if (!preg_match('/^(readonly )?\??[\w\\\\|]+ \$\w+/', $p)) $problems[] = "$cls: untyped property: $p";
    }
    $rc = new ReflectionClass($cls);
    foreach ($rc->getConstants() as $name => $value) {
        if (!str_contains($b, "Constant [ public int $name ] { $value }")) $problems[] = "$cls::$name not shown as int $value";
    }
    foreach ($rc->getProperties(ReflectionProperty::IS_PUBLIC) as $p) {
        if (!preg_match('/Property \[ public (readonly )?\S+ \$' . $p->getName() . '[ \]]/', $b)) $problems[] = "$cls::\$" . $p->getName() . ' not shown with a type';
    }
    foreach ($rc->getMethods() as $meth) {
        if ($meth->getDeclaringClass()->getName() === $cls && !str_contains($b, 'method ' . $meth->getName() . ' ]')) $problems[] = "$cls::" . $meth->getName() . ' not shown';
    }
    printf("%-21s %2d typed public properties\n", $cls, count($props[1]));
}
sort($seen);
$want = ['MailHive\Attachment', 'MailHive\Certificate', 'MailHive\Envelope', 'MailHive\Exception', 'MailHive\IMAP4',
         'MailHive\Mailbox', 'MailHive\Message', 'MailHive\POP3', 'MailHive\SMTP', 'MailHive\SSL'];
if ($seen !== $want) $problems[] = 'classes shown: ' . implode(', ', $seen);
// Return and parameter types are shown too.
foreach (['Parameter #1 [ <required> MailHive\Message|string $message ]', '- Return [ ?MailHive\Message ]',
          'Parameter #1 [ <optional> int $last = -1 ]', '- Return [ array|false ]'] as $needle) {
    if (!str_contains($re, $needle)) $problems[] = "not shown: $needle";
}
echo $problems ? implode("\n", $problems) . "\n" : "no problems\n";
echo preg_replace('/\d+\.\d+\.\d+/', 'X.Y.Z', trim($ri)), "\n";
?>
--EXPECT--
bool(true)
bool(true)
classes: 10
MailHive\Exception     3 typed public properties
MailHive\Certificate  17 typed public properties
MailHive\SSL          13 typed public properties
MailHive\Message      14 typed public properties
MailHive\Attachment    4 typed public properties
MailHive\SMTP         24 typed public properties
MailHive\POP3         22 typed public properties
MailHive\IMAP4        25 typed public properties
MailHive\Envelope     11 typed public properties
MailHive\Mailbox       3 typed public properties
no problems
mailhive

mailhive support => enabled
Version => X.Y.Z
GnuTLS => X.Y.Z
