--TEST--
The committed php/*_arginfo.h are what gen_stub.php makes of php/*.stub.php today, and the stubs declare every class
--EXTENSIONS--
mailhive
--SKIPIF--
<?php
$gen = null;
foreach (array_merge([ini_get('extension_dir') . '/build/gen_stub.php'], glob('/usr/lib/php/*/build/gen_stub.php') ?: []) as $g) {
    if (is_file($g)) { $gen = $g; break; }
}
if ($gen === null) die('skip gen_stub.php not found (install php8.2-dev)');
if (!is_dir('/usr/share/php/PhpParser')) die('skip PHP-Parser not installed (apt-get install php-parser); gen_stub.php would download it');
if (trim((string)shell_exec(escapeshellarg(PHP_BINARY) . ' -r ' . escapeshellarg('echo extension_loaded("tokenizer") ? 1 : 0;'))) !== '1') die('skip the tokenizer extension (gen_stub.php needs it) is not enabled in php.ini');
?>
--FILE--
<?php
const PHP_DIR = __DIR__ . '/../../php';
$gen = null;
foreach (array_merge([ini_get('extension_dir') . '/build/gen_stub.php'], glob('/usr/lib/php/*/build/gen_stub.php') ?: []) as $g) {
    if (is_file($g)) { $gen = $g; break; }
}
// A scratch copy of gen_stub.php pointed at Debian's PHP-Parser (see scripts/build-php.sh --gen-stubs).
$tmp = sys_get_temp_dir() . '/mh-stubs-' . getmypid() . '-' . bin2hex(random_bytes(3));
mkdir("$tmp/PHP-Parser-4.15.1/lib", 0777, true);
symlink('/usr/share/php/PhpParser', "$tmp/PHP-Parser-4.15.1/lib/PhpParser");
copy($gen, "$tmp/gen_stub.php");

$stubs = glob(PHP_DIR . '/*.stub.php');
sort($stubs);
$problems = [];
$declared = [];
foreach ($stubs as $stub) {
    $base = basename($stub, '.stub.php');
    copy($stub, "$tmp/$base.stub.php");
    $out = [];
    // Not -n: gen_stub.php needs the tokenizer extension from the system php.ini.
    exec(escapeshellarg(PHP_BINARY) . ' ' . escapeshellarg("$tmp/gen_stub.php") . ' ' . escapeshellarg("$tmp/$base.stub.php") . ' 2>&1', $out, $rc);
    if ($rc !== 0) { $problems[] = "gen_stub.php $base.stub.php failed: " . implode("\n", $out); continue; }
    $fresh = @file_get_contents("$tmp/{$base}_arginfo.h");
    $committed = @file_get_contents(PHP_DIR . "/{$base}_arginfo.h");
    if ($committed === false) $problems[] = "php/{$base}_arginfo.h is missing";
    elseif ($fresh !== $committed) $problems[] = "php/{$base}_arginfo.h is out of date: run scripts/build-php.sh --gen-stubs";
    preg_match_all('/^(?:final\s+|abstract\s+)*class\s+(\w+)/m', file_get_contents($stub), $m);
    foreach ($m[1] as $c) $declared[] = "MailHive\\$c";
    // Each generated header is compiled into the module by some php/*.cc.
    $users = array_filter(glob(PHP_DIR . '/*.cc'), fn($cc) => str_contains(file_get_contents($cc), "\"{$base}_arginfo.h\""));
    if (!$users) $problems[] = "no php/*.cc includes {$base}_arginfo.h";
}
exec('rm -rf ' . escapeshellarg($tmp));

sort($declared);
$loaded = array_keys((new ReflectionExtension('mailhive'))->getClasses());
sort($loaded);
echo count($stubs), " stubs declare ", count($declared), " classes\n";
if ($declared !== $loaded) $problems[] = 'stub classes ' . implode(',', $declared) . ' != loaded ' . implode(',', $loaded);
echo $problems ? implode("\n", $problems) . "\n" : "in sync\n";
?>
--EXPECT--
7 stubs declare 10 classes
in sync
