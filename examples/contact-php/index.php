<?php
// mailhive contact form (PHP): GET shows the form, POST sends it through SMTP (STARTTLS, verified).
//
//   php -S 127.0.0.1:8080 -t examples/contact-php -d extension=/path/to/mailhive.so
//
// The recipient and the From address are fixed on the server (config.php); the visitor's address is
// only used as Reply-To. Every failure ends in a clean HTML page: no stack trace, no server reply.
declare(strict_types=1);

ini_set('display_errors', '0');
ini_set('log_errors', '1');

$config = require __DIR__ . '/config.php';

const MAX_MESSAGE_BYTES = 1000000;          // the message field: 1 MB
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;  // the whole urlencoded body (percent-encoding triples bytes)
const MAX_NAME_CHARS = 200;
const MAX_SUBJECT_CHARS = 200;
const MAX_EMAIL_CHARS = 254;
// The same rule as the browser's <input type=email> (WHATWG HTML): one address, no display name, no list.
const EMAIL_PATTERN = '/^[A-Za-z0-9.!#$%&\'*+\/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
    . '(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/D';

final class FormError extends Exception
{
    public function __construct(string $message, public readonly int $status = 400)
    {
        parent::__construct($message);
    }
}

function h(string $s): string
{
    return htmlspecialchars($s, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
}

function send_headers(int $status): void
{
    http_response_code($status);
    header_remove('X-Powered-By');
    header('Content-Type: text/html; charset=utf-8');
    header('X-Content-Type-Options: nosniff');
    header('X-Frame-Options: DENY');
    header('Referrer-Policy: no-referrer');
    header("Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    header('Cache-Control: no-store');
}

function page(int $status, string $title, string $bodyHtml): never
{
    send_headers($status);
    echo <<<HTML
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{$title}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input, textarea { width: 100%; box-sizing: border-box; padding: .4rem; font: inherit; }
textarea { min-height: 10rem; }
button { margin-top: 1rem; padding: .5rem 1.5rem; font: inherit; }
.ok { border-left: 4px solid #2a7; padding: .5rem 1rem; background: #efe; }
.error { border-left: 4px solid #c33; padding: .5rem 1rem; background: #fee; }
</style>
</head>
<body>
{$bodyHtml}
</body>
</html>

HTML;
    exit;
}

function form_html(array $v = []): string
{
    $name = h($v['name'] ?? '');
    $email = h($v['email'] ?? '');
    $subject = h($v['subject'] ?? '');
    $message = h($v['message'] ?? '');
    $maxName = MAX_NAME_CHARS;
    $maxSubject = MAX_SUBJECT_CHARS;
    $maxEmail = MAX_EMAIL_CHARS;
    return <<<HTML
<h1>Contact us</h1>
<form id="contact" method="post" action="" accept-charset="utf-8">
  <label for="name">Your name</label>
  <input id="name" name="name" type="text" required maxlength="{$maxName}" autocomplete="name" value="{$name}">
  <label for="email">Your email address</label>
  <input id="email" name="email" type="email" required maxlength="{$maxEmail}" autocomplete="email" value="{$email}">
  <label for="subject">Subject</label>
  <input id="subject" name="subject" type="text" required maxlength="{$maxSubject}" value="{$subject}">
  <label for="message">Message</label>
  <textarea id="message" name="message" required>{$message}</textarea>
  <button id="send" type="submit">Send</button>
</form>
HTML;
}

function error_page(FormError $e, array $values): never
{
    $msg = h($e->getMessage());
    page($e->status, 'Message not sent', <<<HTML
<h1>Message not sent</h1>
<p class="error" id="error" role="alert">{$msg}</p>
<p><a href="./">Back to the form</a></p>
HTML);
}

/** Length in characters of valid UTF-8 (without needing mbstring). */
function chars(string $s): int
{
    return (int)preg_match_all('/./su', $s);
}

/** A POST field as a string (arrays such as name[]=x are refused). */
function field(string $key): string
{
    $v = $_POST[$key] ?? '';
    if (!is_string($v)) {
        throw new FormError("The {$key} field is invalid.");
    }
    return $v;
}

/** Assign a single-line value to the message; the extension throws ValueError for CR, LF or NUL. */
function set_line(MailHive\Message $m, string $prop, string $value, string $label): void
{
    try {
        $m->{$prop} = $value;
    } catch (ValueError) {
        throw new FormError("Please remove line breaks from the {$label} field.");
    }
}

function handle_post(array $config): never
{
    $values = [];
    try {
        // Before PHP parsed anything: a body over the limit (also one PHP refused under post_max_size).
        $length = (int)($_SERVER['CONTENT_LENGTH'] ?? 0);
        if ($length > MAX_REQUEST_BYTES) {
            throw new FormError('Your message is too large (the limit is 1 MB).', 413);
        }
        $values = [
            'name' => field('name'),
            'email' => field('email'),
            'subject' => field('subject'),
            'message' => field('message'),
        ];
        foreach ($values as $key => $v) {
            if (preg_match('//u', $v) !== 1) {
                throw new FormError("The {$key} field is not valid UTF-8 text.");
            }
        }
        $name = trim($values['name'], " \t");
        $email = trim($values['email'], " \t");
        $subject = trim($values['subject'], " \t");
        $body = str_replace(["\r\n", "\r"], "\n", $values['message']);
        $body = str_replace("\0", '', $body);

        if (strlen($body) > MAX_MESSAGE_BYTES) {
            throw new FormError('Your message is too large (the limit is 1 MB).', 413);
        }

        $smtp = new MailHive\SMTP();
        $m = $smtp->message;
        // Line breaks first: the extension refuses them in every header value (ValueError).
        set_line($m, 'replyToAddr', $email, 'email');
        set_line($m, 'subject', $config['subject_prefix'] . $subject, 'subject');
        // One Reply-To: the visitor's name as a quoted display name, then the one address.
        set_line($m, 'replyToAddr', '"' . addcslashes($name, '"\\') . '" <' . $email . '>', 'name');

        if ($name === '' || $email === '' || $subject === '' || trim($body) === '') {
            throw new FormError('Please fill in your name, email address, subject and message.');
        }
        if (chars($name) > MAX_NAME_CHARS) {
            throw new FormError('Your name is too long (at most ' . MAX_NAME_CHARS . ' characters).');
        }
        if (chars($subject) > MAX_SUBJECT_CHARS) {
            throw new FormError('The subject is too long (at most ' . MAX_SUBJECT_CHARS . ' characters).');
        }
        if (strlen($email) > MAX_EMAIL_CHARS || !preg_match(EMAIL_PATTERN, $email)) {
            throw new FormError('Please enter one valid email address, such as name@example.com.');
        }
        if (preg_match('/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/', $name . $subject)) {
            throw new FormError('Please remove control characters from the name and subject fields.');
        }

        // Server-side settings only: the visitor never chooses a recipient or the sender.
        $smtp->serverName = $config['host'];
        $smtp->portNumber = $config['port'];
        $smtp->timeout = $config['timeout'];
        $smtp->ssl->enabled = true;
        $smtp->ssl->useStartTls = true;
        $smtp->ssl->verifyServerCert = true;
        if ($config['ca_file'] !== '' && !$smtp->ssl->selectServerCertStore($config['ca_file'], 1)) {
            error_log('contact form: cannot load CA file ' . $config['ca_file']);
        }
        if ($config['user'] !== '') {
            $smtp->userName = $config['user'];
            $smtp->password = $config['password'];
        }
        $m->fromAddr = $config['from'];
        $m->toAddr = $config['to'];
        $m->bodyText = "Name: {$name}\nEmail: {$email}\nSubject: {$subject}\n\n{$body}\n";

        if (!$smtp->send()) {
            error_log(sprintf('contact form: send failed: errCode %d, sslError %d: %s', $smtp->errCode,
                $smtp->ssl->sslError, str_replace(["\r", "\n"], ' ', $smtp->serverResponse ?: $smtp->errDesc)));
            throw new FormError("Sorry, your message could not be sent (errCode {$smtp->errCode}). Please try again later.", 502);
        }
        $smtp->disconnect();
    } catch (FormError $e) {
        error_page($e, $values);
    } catch (Throwable $e) {
        error_log('contact form: ' . get_class($e) . ': ' . $e->getMessage());
        error_page(new FormError('Sorry, something went wrong. Your message was not sent.', 500), $values);
    }

    $who = h($name);
    page(200, 'Message sent', <<<HTML
<h1>Thank you</h1>
<p class="ok" id="success" role="status">Thank you, {$who}. Your message has been sent.</p>
<p><a href="./">Send another message</a></p>
HTML);
}

if (!extension_loaded('mailhive')) {
    error_log('contact form: the mailhive extension is not loaded');
    page(500, 'Unavailable', '<h1>Unavailable</h1><p class="error" id="error">The contact form is not available right now.</p>');
}

$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
if ($method === 'POST') {
    handle_post($config);
}
if ($method !== 'GET' && $method !== 'HEAD') {
    header('Allow: GET, HEAD, POST');
    page(405, 'Method not allowed', '<h1>Method not allowed</h1>');
}
page(200, 'Contact us', form_html());
