{
  "targets": [{
    "target_name": "mailhive",
    "sources": [
      "node/addon.cc",
      "node/convert.cc",
      "node/smtp_wrap.cc",
      "node/async_call.cc",
      "node/pop3_wrap.cc",
      "node/imap_wrap.cc",
      "<!@(cat src/sources.txt)"
    ],
    "include_dirs": ["src"],
    "dependencies": ["<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except_all"],
    "defines": ["NAPI_VERSION=8"],
    "cflags_cc": ["-std=c++20", "-Wall", "-Wextra", "-fexceptions", "<!@(pkg-config --cflags gnutls)"],
    "cflags_cc!": ["-std=gnu++17", "-std=gnu++1y", "-fno-exceptions", "-fno-rtti"],
    "libraries": ["<!@(pkg-config --libs gnutls)"]
  }]
}
