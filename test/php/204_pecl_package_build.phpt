--TEST--
package.xml lists every file the build needs; `pecl package` makes mailhive-0.1.0.tgz, which builds (phpize, configure, make) and loads
--EXTENSIONS--
mailhive
--SKIPIF--
<?php
if (!trim((string)shell_exec('command -v pecl'))) die('skip pecl not installed (apt-get install php-pear)');
if (!trim((string)shell_exec('command -v phpize'))) die('skip phpize not installed (apt-get install php8.2-dev)');
if (getenv('SKIP_SLOW_TESTS')) die('skip slow test (builds the extension from the tarball, 1-3 minutes)');
?>
--FILE--
<?php
const ROOT = __DIR__ . '/../..';

// 1. The <contents> of package.xml as a list of paths (nested <dir name> + <file name role>).
$xml = file_get_contents(ROOT . '/package.xml');
preg_match('~<contents>(.*)</contents>~s', $xml, $m);
$listed = [];
$stack = [];
preg_match_all('~<(/?)(dir|file)\b([^>]*?)(/?)>~', $m[1], $tags, PREG_SET_ORDER);
foreach ($tags as [$all, $close, $kind, $attrs, $selfClose]) {
    preg_match('~name="([^"]*)"~', $attrs, $n);
    if ($kind === 'dir') {
        if ($close) array_pop($stack); else $stack[] = trim($n[1], '/');
    } else {
        preg_match('~role="([^"]*)"~', $attrs, $r);
        $listed[ltrim(implode('/', array_filter($stack, 'strlen')) . '/' . $n[1], '/')] = $r[1];
    }
}
// What the build reads: config.m4, php/*.{cc,h,stub.php} (incl. the committed _arginfo.h), all of src/.
$need = ['config.m4' => 'src', 'README.md' => 'doc', 'php/README.md' => 'doc', 'docs/php.md' => 'doc'];
foreach (glob(ROOT . '/php/*') as $f) {
    if (preg_match('~\.(cc|h|stub\.php)$~', $f)) $need['php/' . basename($f)] = 'src';
}
$it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator(ROOT . '/src', FilesystemIterator::SKIP_DOTS));
foreach ($it as $f) {
    $rel = substr($f->getPathname(), strlen(ROOT) + 1);
    if (!preg_match('~\.(o|lo|la|so|dep)$|/\.libs/|/\.deps~', $rel)) $need[$rel] = 'src';
}
foreach (preg_split('/\R/', file_get_contents(ROOT . '/src/sources.txt')) as $line) {
    $line = trim(preg_replace('/#.*/', '', $line));
    if ($line !== '' && !isset($listed[$line])) echo "src/sources.txt names $line, package.xml does not\n";
}
ksort($need);
ksort($listed);
foreach (array_diff_key($need, $listed) as $f => $_) echo "not in package.xml: $f\n";
foreach (array_diff_key($listed, $need) as $f => $_) echo "in package.xml but not needed or missing: $f\n";
foreach (array_intersect_key($need, $listed) as $f => $role) if ($listed[$f] !== $role) echo "$f has role {$listed[$f]}, want $role\n";
echo "package.xml lists ", count($listed), " files\n";
foreach (['<providesextension>mailhive</providesextension>', '<extsrcrelease/>', '<release>0.1.0</release>',
          '<release>alpha</release>', '>MIT</license>', '<min>8.2.0</min>'] as $needle) {
    if (!str_contains($xml, $needle)) echo "package.xml lacks $needle\n";
}

// 2. pecl package, in a scratch directory. Scratch directories of runs that were killed (run-tests.php
// timeout) are removed first: their pid is in the name.
foreach (glob(sys_get_temp_dir() . '/mh-pecl-*', GLOB_ONLYDIR) ?: [] as $old) {
    if (preg_match('~/mh-pecl-(\d+)-[0-9a-f]+$~', $old, $o) && !file_exists("/proc/$o[1]")) exec('rm -rf ' . escapeshellarg($old));
}
$tmp = sys_get_temp_dir() . '/mh-pecl-' . getmypid() . '-' . bin2hex(random_bytes(3));
mkdir($tmp);
// Runs a command, printing "$label: " then a dot every 5 s (run-tests.php kills a test that prints
// nothing for 60 s, and configure or one compile can take that long on a busy machine), then "rc=N".
function run(string $label, string $cmd, string $cwd): array {
    echo "$label: ";
    $p = proc_open(['bash', '-c', "$cmd 2>&1"], [1 => ['pipe', 'w']], $pipes, $cwd);
    stream_set_blocking($pipes[1], false);
    $out = '';
    $tick = microtime(true);
    while (true) {
        $r = [$pipes[1]]; $w = $e = null;
        if (stream_select($r, $w, $e, 1) > 0) {
            $chunk = fread($pipes[1], 65536);
            if ($chunk === '' || $chunk === false) { if (feof($pipes[1])) break; }
            else $out .= $chunk;
        }
        if (microtime(true) - $tick >= 5) { echo '.'; $tick = microtime(true); }
    }
    fclose($pipes[1]);
    $rc = proc_close($p);
    echo "rc=$rc\n";
    return [$rc, $out];
}
[$rc, $out] = run('pecl package', 'pecl package ' . escapeshellarg(realpath(ROOT . '/package.xml')), $tmp);
echo str_contains($out, 'Package mailhive-0.1.0.tgz done') ? 'done' : $out, "\n";
if (preg_match_all('/^(Warning|Error).*$/mi', $out, $w)) echo implode("\n", $w[0]), "\n";
var_dump(is_file("$tmp/mailhive-0.1.0.tgz"));

// 3. The tarball holds exactly the listed files under mailhive-0.1.0/, and builds with no options.
[$rc, $out] = run('tar', 'tar xzf mailhive-0.1.0.tgz && find mailhive-0.1.0 -type f | sort', $tmp);
$inTar = array_map(fn($l) => substr($l, strlen('mailhive-0.1.0/')), array_filter(explode("\n", $out), fn($l) => str_starts_with($l, 'mailhive-0.1.0/')));
sort($inTar);
$want = array_keys($listed);
sort($want);
var_dump($inTar === $want);
$dir = "$tmp/mailhive-0.1.0";
[$rc, $out] = run('phpize', 'phpize', $dir);
[$rc, $out] = run('configure', './configure', $dir);
if (preg_match('/^checking whether to enable mailhive support\.\.\. (.*)$/m', $out, $c)) echo "enable mailhive: $c[1]\n";
if (preg_match('/^checking for gnutls >= 3\.6\.\.\. (.*)$/m', $out, $c)) echo "gnutls: $c[1]\n";
$jobs = max(1, (int)trim((string)shell_exec('nproc 2>/dev/null')));
[$rc, $out] = run('make', "make -j$jobs", $dir);
if ($rc !== 0) echo substr($out, -3000), "\n";
$so = "$dir/modules/mailhive.so";
var_dump(is_file($so));

// 4. The built module loads in a bare php and is the same API.
$php = escapeshellarg(PHP_BINARY) . ' -n -d ' . escapeshellarg("extension=$so");
echo shell_exec("$php -r 'echo MailHive\\SSL::PROTOCOL_TLS13, \"\\n\";' 2>&1");
echo shell_exec("$php -r 'echo phpversion(\"mailhive\"), \" \", count((new ReflectionExtension(\"mailhive\"))->getClasses()), \"\\n\";' 2>&1");
exec('rm -rf ' . escapeshellarg($tmp));
?>
--EXPECTF--
package.xml lists %d files
pecl package: %Src=0
done
bool(true)
tar: %Src=0
bool(true)
phpize: %Src=0
configure: %Src=0
enable mailhive: yes, shared
gnutls: yes
make: %Src=0
bool(true)
4
0.1.0 10
