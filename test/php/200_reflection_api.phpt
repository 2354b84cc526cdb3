--TEST--
Reflection: every class, constant, typed property and method signature of API.md (PHP side)
--EXTENSIONS--
mailhive
--FILE--
<?php
// The contract of /work/shared/API.md as PHP sees it (names from the .stub.php files). Property types
// are "type" or "readonly type"; signatures are "name(type $param = default, ...): return".
$api = [
    'SMTP' => [
        'const' => ['AUTH_NONE' => 0, 'AUTH_AUTO' => 1, 'AUTH_LOGIN' => 2, 'AUTH_PLAIN' => 3, 'AUTH_CRAM_MD5' => 4, 'AUTH_XOAUTH2' => 5],
        'props' => [
            'serverName' => 'string', 'portNumber' => 'int', 'userName' => 'string', 'password' => 'string',
            'authMethod' => 'int', 'domain' => 'string', 'timeout' => 'int', 'deadline' => 'int',
            'allowRefusedRecipients' => 'bool', 'enableLogging' => 'bool', 'logFilePath' => 'string',
            'throwExceptions' => 'bool', 'licenseKey' => 'string',
            'isError' => 'readonly bool', 'errCode' => 'readonly int', 'errDesc' => 'readonly string',
            'serverResponse' => 'readonly string', 'clientRequest' => 'readonly string',
            'connected' => 'readonly bool', 'busy' => 'readonly bool', 'refusedRecipients' => 'readonly array',
            'serverCapabilities' => 'readonly array', 'ssl' => 'readonly MailHive\SSL', 'message' => 'MailHive\Message',
        ],
        'methods' => [
            '__construct()', 'connect(): bool', 'send(): bool', 'disconnect(): bool', 'abort(): void',
        ],
    ],
    'POP3' => [
        'const' => ['AUTH_AUTO' => 1, 'AUTH_USER' => 2, 'AUTH_APOP' => 3, 'AUTH_SASL_PLAIN' => 4],
        'props' => [
            'serverName' => 'string', 'portNumber' => 'int', 'userName' => 'string', 'password' => 'string',
            'authMethod' => 'int', 'timeout' => 'int', 'deadline' => 'int', 'enableLogging' => 'bool',
            'logFilePath' => 'string', 'throwExceptions' => 'bool', 'licenseKey' => 'string',
            'isError' => 'readonly bool', 'errCode' => 'readonly int', 'errDesc' => 'readonly string',
            'serverResponse' => 'readonly string', 'clientRequest' => 'readonly string',
            'connected' => 'readonly bool', 'busy' => 'readonly bool', 'capabilities' => 'readonly array',
            'messageCount' => 'readonly int', 'totalSize' => 'readonly int', 'ssl' => 'readonly MailHive\SSL',
        ],
        'methods' => [
            '__construct()', 'connect(): bool', 'disconnect(): bool', 'abort(): void',
            'getMessageSize(int $index): int|false', 'getMessageUID(int $index): string|false',
            'search(): array|false', 'retrieveSingleMessage(int $index): ?MailHive\Message',
            'retrieveSingleMessageHeaders(int $index, int $bodyLines = 0): ?MailHive\Message',
            'deleteMessage(int $index): bool', 'undeleteAll(): bool',
        ],
    ],
    'IMAP4' => [
        'const' => ['AUTH_AUTO' => 1, 'AUTH_LOGIN' => 2, 'AUTH_PLAIN' => 3, 'AUTH_XOAUTH2' => 5,
                    'FLAGS_ADD' => 1, 'FLAGS_REMOVE' => 2, 'FLAGS_REPLACE' => 3],
        'props' => [
            'serverName' => 'string', 'portNumber' => 'int', 'userName' => 'string', 'password' => 'string',
            'authMethod' => 'int', 'timeout' => 'int', 'deadline' => 'int', 'enableLogging' => 'bool',
            'logFilePath' => 'string', 'throwExceptions' => 'bool', 'licenseKey' => 'string', 'messageSet' => 'string',
            'isError' => 'readonly bool', 'errCode' => 'readonly int', 'errDesc' => 'readonly string',
            'serverResponse' => 'readonly string', 'clientRequest' => 'readonly string',
            'connected' => 'readonly bool', 'busy' => 'readonly bool', 'capabilities' => 'readonly array',
            'messageCount' => 'readonly int', 'recentCount' => 'readonly int', 'uidValidity' => 'readonly int',
            'uidNext' => 'readonly int', 'ssl' => 'readonly MailHive\SSL',
        ],
        'methods' => [
            '__construct()', 'connect(): bool', 'disconnect(): bool', 'abort(): void',
            "retrieveMailboxes(string \$root = '', bool \$subscribedOnly = false): array|false",
            'selectMailbox(string $name): bool', 'examineMailbox(string $name): bool',
            'createMailbox(string $name): bool', 'deleteMailbox(string $name): bool',
            'renameMailbox(string $oldName, string $newName): bool',
            'retrieveEnvelopes(int $first, int $last = -1, bool $asUid = false): array|false',
            'retrieveSingleMessage(int $id, bool $asUid = false): ?MailHive\Message',
            'retrieveSingleMessageHeaders(int $id, bool $asUid = false): ?MailHive\Message',
            "search(string \$criteria = 'ALL', bool \$asUid = false): array|false",
            'setFlags(string $set, string $flags, int $mode, bool $asUid = false): bool',
            'copyMessages(string $set, string $mailbox, bool $asUid = false): bool',
            'moveMessages(string $set, string $mailbox, bool $asUid = false): bool',
            'deleteMessages(string $set, bool $asUid = false): bool', 'expunge(): bool',
            "appendMessage(string \$mailbox, MailHive\\Message|string \$message, string \$flags = ''): bool",
            'idle(int $seconds): bool',
        ],
    ],
    'SSL' => [
        'const' => ['PROTOCOL_AUTO' => 0, 'PROTOCOL_TLS10' => 1, 'PROTOCOL_TLS11' => 2, 'PROTOCOL_TLS12' => 3, 'PROTOCOL_TLS13' => 4],
        'props' => [
            'enabled' => 'bool', 'useStartTls' => 'bool', 'autosetPortAndSsl' => 'bool', 'protocol' => 'int',
            'verifyServerCert' => 'bool', 'expectedHostName' => 'string', 'pinSha256' => 'string',
            'sslError' => 'readonly int', 'sslSpecificError' => 'readonly int',
            'negotiatedProtocol' => 'readonly string', 'cipherSuite' => 'readonly string',
            'serverCert' => 'readonly ?MailHive\Certificate', 'clientCert' => 'readonly ?MailHive\Certificate',
        ],
        'methods' => [
            'private __construct()',
            'selectServerCertStore(string $path, int $storeType, int $options = 0): bool',
            "selectClientCert(string \$path, string \$password = '', string \$keyPath = ''): bool",
        ],
    ],
    'Certificate' => [
        'const' => [],
        'props' => [
            'subject' => 'readonly string', 'issuer' => 'readonly string', 'issuedTo' => 'readonly string',
            'issuedBy' => 'readonly string', 'validFrom' => 'readonly DateTimeImmutable',
            'validTo' => 'readonly DateTimeImmutable', 'serialNumber' => 'readonly string',
            'fingerprintSha1' => 'readonly string', 'fingerprintSha256' => 'readonly string',
            'altNames' => 'readonly array', 'emailAddress' => 'readonly string', 'version' => 'readonly int',
            'publicKeyAlgorithm' => 'readonly string', 'publicKeyBits' => 'readonly int',
            'isSelfSigned' => 'readonly bool', 'pem' => 'readonly string', 'verifyErrors' => 'readonly array',
        ],
        'methods' => ['private __construct()'],
    ],
    'Message' => [
        'const' => ['FORMAT_TEXT' => 0, 'FORMAT_HTML' => 1],
        'props' => [
            'fromAddr' => 'string', 'toAddr' => 'string', 'ccAddr' => 'string', 'bccAddr' => 'string',
            'replyToAddr' => 'string', 'subject' => 'string', 'bodyText' => 'string', 'bodyFormat' => 'int',
            'altBodyText' => 'string', 'charset' => 'string', 'date' => 'string', 'messageId' => 'string',
            'priority' => 'int', 'attachments' => 'array',
        ],
        'methods' => [
            '__construct()',
            "addAttachment(string \$path, string \$name = '', string \$contentId = '', string \$contentType = ''): bool",
            "addAttachmentData(string \$data, string \$name, string \$contentType = ''): void",
            'getHeader(string $name): string', 'setHeader(string $name, string $value): void',
            'saveMessage(string $path): bool', 'importFromFile(string $path): bool',
        ],
    ],
    'Attachment' => [
        'const' => [],
        'props' => ['filename' => 'readonly string', 'contentType' => 'readonly string',
                    'contentId' => 'readonly string', 'size' => 'readonly int'],
        'methods' => ['private __construct()', 'getData(): string', 'saveFile(string $path): bool'],
    ],
    'Envelope' => [
        'const' => [],
        'props' => [
            'messageNumber' => 'readonly int', 'uid' => 'readonly int', 'size' => 'readonly int',
            'flags' => 'readonly array', 'date' => 'readonly string', 'subject' => 'readonly string',
            'fromAddr' => 'readonly string', 'toAddr' => 'readonly string', 'ccAddr' => 'readonly string',
            'replyToAddr' => 'readonly string', 'messageId' => 'readonly string',
        ],
        'methods' => ['private __construct()'],
    ],
    'Mailbox' => [
        'const' => [],
        'props' => ['name' => 'readonly string', 'delimiter' => 'readonly string', 'flags' => 'readonly array'],
        'methods' => ['private __construct()'],
    ],
    'Exception' => [
        'const' => [],
        'props' => ['errCode' => 'int', 'sslError' => 'int', 'serverResponse' => 'string'],
        'methods' => [],
    ],
];

function sig(ReflectionMethod $m): string {
    $ps = [];
    foreach ($m->getParameters() as $p) {
        $s = ($p->hasType() ? $p->getType() . ' ' : 'UNTYPED ') . '$' . $p->getName();
        if ($p->isDefaultValueAvailable()) $s .= ' = ' . var_export($p->getDefaultValue(), true);
        $ps[] = $s;
    }
    return ($m->isPrivate() ? 'private ' : '') . $m->getName() . '(' . implode(', ', $ps) . ')'
        . ($m->hasReturnType() ? ': ' . $m->getReturnType() : '');
}

$ext = new ReflectionExtension('mailhive');
$problems = [];
$classes = array_keys($ext->getClasses());
sort($classes);
$want = array_map(fn($c) => "MailHive\\$c", array_keys($api));
sort($want);
if ($classes !== $want) $problems[] = 'classes: ' . implode(', ', $classes);

foreach ($api as $short => $spec) {
    $name = "MailHive\\$short";
    if (!class_exists($name)) { $problems[] = "$name missing"; continue; }
    $rc = new ReflectionClass($name);
    if ($rc->getExtensionName() !== 'mailhive') $problems[] = "$name not from mailhive";
    if ($short !== 'Exception' && !$rc->isFinal()) $problems[] = "$name not final";

    // Constants: present, int, right value; none undocumented.
    $consts = $rc->getConstants();
    foreach ($spec['const'] as $c => $v) {
        if (!array_key_exists($c, $consts)) $problems[] = "$name::$c missing";
        elseif ($consts[$c] !== $v) $problems[] = "$name::$c = " . var_export($consts[$c], true) . ", want $v";
    }
    foreach (array_diff(array_keys($consts), array_keys($spec['const'])) as $c) $problems[] = "$name::$c not in API.md";

    // Properties: every public property has a declared type; API.md's are there with their type.
    foreach ($rc->getProperties(ReflectionProperty::IS_PUBLIC) as $p) {
        if (!$p->hasType()) $problems[] = "$name::\$" . $p->getName() . ' has no type';
        if ($p->isStatic()) $problems[] = "$name::\$" . $p->getName() . ' is static';
        if (!isset($spec['props'][$p->getName()])) $problems[] = "$name::\$" . $p->getName() . ' not in API.md';
    }
    foreach ($spec['props'] as $prop => $type) {
        if (!$rc->hasProperty($prop)) { $problems[] = "$name::\$$prop missing"; continue; }
        $p = $rc->getProperty($prop);
        $got = ($p->isReadOnly() ? 'readonly ' : '') . $p->getType();
        if (!$p->isPublic() || $got !== $type) $problems[] = "$name::\$$prop is '$got', want '$type'";
    }

    // Methods declared by the class itself (Exception inherits all of RuntimeException's).
    $have = [];
    foreach ($rc->getMethods() as $m) {
        if ($m->getDeclaringClass()->getName() !== $name) continue;
        if (!$m->isPrivate() && !$m->isPublic()) $problems[] = "$name::" . $m->getName() . ' is protected';
        if ($m->isStatic()) $problems[] = "$name::" . $m->getName() . ' is static';
        foreach ($m->getParameters() as $p) {
            if (!$p->hasType()) $problems[] = "$name::" . $m->getName() . '() $' . $p->getName() . ' has no type';
        }
        $have[] = sig($m);
    }
    foreach (array_diff($spec['methods'], $have) as $s) $problems[] = "$name: missing or different: $s";
    foreach (array_diff($have, $spec['methods']) as $s) $problems[] = "$name: not in API.md: $s";

    printf("%-21s %d constants, %d properties, %d methods\n", $name, count($spec['const']), count($spec['props']), count($spec['methods']));
}

// Exception extends RuntimeException; classes that users must not create have private constructors.
var_dump(is_subclass_of('MailHive\Exception', 'RuntimeException'));
foreach (['SSL', 'Certificate', 'Attachment', 'Envelope', 'Mailbox'] as $c) {
    try { $r = new ReflectionClass("MailHive\\$c"); $r->newInstance(); $problems[] = "new MailHive\\$c worked"; }
    catch (Error|ReflectionException $e) {}
}
// The SMTP message shortcuts and Message::$rawBody are virtual (object handlers), not declared properties.
$smtp = new MailHive\SMTP();
foreach (['fromAddr' => '', 'toAddr' => '', 'ccAddr' => '', 'bccAddr' => '', 'subject' => '', 'bodyText' => '',
          'bodyFormat' => 0, 'charset' => 'utf-8'] as $p => $default) {
    if ($smtp->$p !== $default) $problems[] = "SMTP::\$$p reads " . var_export($smtp->$p, true);
}
$smtp->subject = 'x';
if ($smtp->message->subject !== 'x') $problems[] = 'SMTP::$subject does not forward to message';
if (!is_string((new MailHive\Message())->rawBody)) $problems[] = 'Message::$rawBody is not a string';

echo $problems ? implode("\n", $problems) . "\n" : "no problems\n";
?>
--EXPECT--
MailHive\SMTP         6 constants, 24 properties, 5 methods
MailHive\POP3         4 constants, 22 properties, 11 methods
MailHive\IMAP4        7 constants, 25 properties, 21 methods
MailHive\SSL          5 constants, 13 properties, 3 methods
MailHive\Certificate  0 constants, 17 properties, 1 methods
MailHive\Message      2 constants, 14 properties, 7 methods
MailHive\Attachment   0 constants, 4 properties, 3 methods
MailHive\Envelope     0 constants, 11 properties, 1 methods
MailHive\Mailbox      0 constants, 3 properties, 1 methods
MailHive\Exception    0 constants, 3 properties, 0 methods
bool(true)
no problems
