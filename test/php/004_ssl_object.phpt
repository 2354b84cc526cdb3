--TEST--
MailHive\SSL belongs to its mailer: no new, no clone, no serialize; mailers are not cloneable either
--EXTENSIONS--
mailhive
--FILE--
<?php
try { new MailHive\SSL(); } catch (Error $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
try { (new ReflectionClass(MailHive\SSL::class))->newInstanceWithoutConstructor(); } catch (ReflectionException $e) { echo "ReflectionException\n"; }
$s = new MailHive\SMTP();
$ssl = $s->ssl;
var_dump($ssl === $s->ssl);
try { clone $ssl; } catch (Error $e) { echo $e->getMessage(), "\n"; }
try { serialize($ssl); } catch (Exception $e) { echo $e->getMessage(), "\n"; }
try { unserialize('O:12:"MailHive\SSL":0:{}'); } catch (Exception $e) { echo $e->getMessage(), "\n"; }
try { clone $s; } catch (Error $e) { echo $e->getMessage(), "\n"; }
try { new MailHive\Certificate(); } catch (Error $e) { echo $e->getMessage(), "\n"; }
try { new MailHive\Attachment(); } catch (Error $e) { echo $e->getMessage(), "\n"; }
// The SSL object outlives its mailer and keeps working.
unset($s);
$ssl->enabled = true;
var_dump($ssl->enabled);
// A Message can be cloned; the copy is independent (extra headers too).
$m = new MailHive\Message();
$m->setHeader('X-A', '1');
$c = clone $m;
$c->setHeader('X-A', '2');
var_dump($m->getHeader('X-A'), $c->getHeader('X-A'));
?>
--EXPECT--
Error: Call to private MailHive\SSL::__construct() from global scope
ReflectionException
bool(true)
Trying to clone an uncloneable object of class MailHive\SSL
Serialization of 'MailHive\SSL' is not allowed
Unserialization of 'MailHive\SSL' is not allowed
Trying to clone an uncloneable object of class MailHive\SMTP
Call to private MailHive\Certificate::__construct() from global scope
Call to private MailHive\Attachment::__construct() from global scope
bool(true)
string(1) "1"
string(1) "2"
