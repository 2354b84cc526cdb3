--TEST--
Message: attachments from files and memory, getData/saveFile, setHeader on built-in headers, saveMessage
--EXTENSIONS--
mailhive
--FILE--
<?php
$dir = sys_get_temp_dir() . '/mh-phpt-006-' . getmypid();
@mkdir($dir);
file_put_contents("$dir/report.txt", "quarterly numbers\n");

$m = new MailHive\Message();
var_dump($m->addAttachment("$dir/report.txt"));
$m->addAttachmentData('<svg/>', 'logo.svg');
[$a, $b] = $m->attachments;
var_dump($a->filename, $a->contentType, $a->size, $a->getData());
var_dump($b->filename, $b->contentType, $b->size, $b->getData());
var_dump($a->saveFile("$dir/copy.txt"), file_get_contents("$dir/copy.txt"));
var_dump($a->saveFile("$dir/no/such/dir/x"));
try { $a->filename = 'x'; } catch (Error $e) { echo $e->getMessage(), "\n"; }

// A missing file: MailHive\Exception with code 301 (a Message has no throwExceptions switch).
try {
    $m->addAttachment("$dir/missing.pdf");
} catch (MailHive\Exception $e) {
    var_dump(get_class($e), $e->getCode(), $e->errCode, $e instanceof RuntimeException);
}
var_dump(count($m->attachments));
try { $m->attachments = ['not an attachment']; } catch (TypeError $e) { echo "TypeError\n"; }
var_dump(count($m->attachments));
$m->attachments = [$b];
var_dump(count($m->attachments));

// Built-in headers are the properties.
$m->setHeader('Subject', 'via setHeader');
$m->setHeader('Reply-To', 'r@example.com');
var_dump($m->subject, $m->replyToAddr, $m->getHeader('subject'));
$m->setHeader('X-Empty', 'v');
$m->setHeader('X-Empty', '');
var_dump($m->getHeader('X-Empty'));
try { $m->setHeader('Content-Type', 'text/evil'); } catch (ValueError $e) { echo "ValueError\n"; }
try { $m->priority = 9; } catch (ValueError $e) { echo "ValueError\n"; }
try { $m->bodyFormat = 2; } catch (ValueError $e) { echo "ValueError\n"; }
$m->priority = 1;
var_dump($m->getHeader('X-Priority'));

$m->fromAddr = 'a@example.com';
$m->toAddr = 'b@example.com';
var_dump($m->saveMessage("$dir/saved.eml"));
$saved = file_get_contents("$dir/saved.eml");
var_dump(str_contains($saved, 'Subject: via setHeader'), str_contains($saved, base64_encode('<svg/>')));
var_dump($m->saveMessage("$dir/no/such/dir/saved.eml"));

array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
bool(true)
string(10) "report.txt"
string(10) "text/plain"
int(18)
string(18) "quarterly numbers
"
string(8) "logo.svg"
string(13) "image/svg+xml"
int(6)
string(6) "<svg/>"
bool(true)
string(18) "quarterly numbers
"
bool(false)
Cannot modify readonly property MailHive\Attachment::$filename
string(18) "MailHive\Exception"
int(301)
int(301)
bool(true)
int(2)
TypeError
int(2)
int(1)
string(13) "via setHeader"
string(13) "r@example.com"
string(13) "via setHeader"
string(0) ""
ValueError
ValueError
ValueError
string(11) "1 (Highest)"
bool(true)
bool(true)
bool(true)
bool(false)
