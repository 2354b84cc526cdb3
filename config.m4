dnl mailhive PHP extension. Compiles php/*.cc plus exactly the engine files listed in src/sources.txt
dnl (the list that binding.gyp uses too). Built by scripts/build-php.sh in build-php/ (phpize).
PHP_ARG_ENABLE([mailhive],
  [whether to enable mailhive support],
  [AS_HELP_STRING([--enable-mailhive], [Enable the mailhive SMTP/MIME extension])],
  [no])

if test "$PHP_MAILHIVE" != "no"; then
  PHP_REQUIRE_CXX()

  PKG_CHECK_MODULES([GNUTLS], [gnutls >= 3.6])
  PHP_EVAL_INCLINE($GNUTLS_CFLAGS)
  PHP_EVAL_LIBLINE($GNUTLS_LIBS, MAILHIVE_SHARED_LIBADD)
  PHP_ADD_LIBRARY(stdc++, 1, MAILHIVE_SHARED_LIBADD)
  PHP_SUBST(MAILHIVE_SHARED_LIBADD)

  dnl ext_srcdir is set only inside PHP_NEW_EXTENSION; take the same value now.
  ext_srcdir=PHP_EXT_SRCDIR(mailhive)
  ext_builddir=PHP_EXT_BUILDDIR(mailhive)

  AC_MSG_CHECKING([for the engine source list])
  if test ! -f "$ext_srcdir/src/sources.txt"; then
    AC_MSG_ERROR([$ext_srcdir/src/sources.txt not found])
  fi
  dnl One path per line; blank lines and # comments are ignored.
  MAILHIVE_ENGINE_SOURCES=`sed -e 's/#.*//' -e 's/[[[:space:]]]*$//' -e '/^$/d' "$ext_srcdir/src/sources.txt" | tr '\n' ' '`
  MAILHIVE_PHP_SOURCES=`cd "$ext_srcdir" && ls php/*.cc | tr '\n' ' '`
  AC_MSG_RESULT([$MAILHIVE_ENGINE_SOURCES])
  for f in $MAILHIVE_ENGINE_SOURCES; do
    if test ! -f "$ext_srcdir/$f"; then
      AC_MSG_ERROR([engine source $f (listed in src/sources.txt) not found])
    fi
  done

  PHP_ADD_INCLUDE([$ext_srcdir/src])
  PHP_ADD_INCLUDE([$ext_srcdir/php])
  PHP_NEW_EXTENSION(mailhive, $MAILHIVE_PHP_SOURCES $MAILHIVE_ENGINE_SOURCES, $ext_shared,,
    [-std=c++20 -Wall -Wextra -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1], cxx)

  for d in `for f in $MAILHIVE_PHP_SOURCES $MAILHIVE_ENGINE_SOURCES; do dirname $f; done | sort -u`; do
    PHP_ADD_BUILD_DIR([$ext_builddir/$d], 1)
  done
fi
