// gobig - a large Go program for bench/symbols: it links much of the standard library (HTTP,
// TLS, JSON, XML, templates, compression, SQL, regular expressions...) so that its binary is
// 10-20 MB with DWARF, as real Go services are. With an argument it prints "ready" and reads
// stdin until EOF (the bench attaches to it there); without, it prints a line and exits.
package main

import (
	"archive/zip"
	"bufio"
	"compress/gzip"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"database/sql"
	"debug/dwarf"
	"debug/elf"
	"debug/gosym"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"go/doc"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"html/template"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/http/pprof"
	"net/mail"
	"net/rpc"
	"net/smtp"
	"os"
	"regexp"
	"text/template/parse"
)

var sink []interface{}

func main() {
	sink = append(sink, http.DefaultClient, tls.Config{}, x509.NewCertPool, json.Marshal,
		xml.Marshal, template.New, gzip.NewReader, zip.NewReader, csv.NewReader, sql.Open,
		regexp.MustCompile, big.NewInt, png.Decode, parser.ParseFile, token.NewFileSet,
		httptest.NewServer, mail.ParseAddress, smtp.Dial, parse.Parse, ecdsa.GenerateKey,
		rsa.GenerateKey, dwarf.New, elf.Open, gosym.NewTable, doc.New, format.Source,
		importer.Default, types.NewPackage, gif.Decode, jpeg.Decode, pprof.Index,
		rpc.NewServer)
	if len(os.Args) > 1 {
		fmt.Println("ready")
		r := bufio.NewReader(os.Stdin)
		for {
			if _, err := r.ReadString('\n'); err != nil {
				break
			}
		}
	}
	fmt.Println("gobig", len(sink))
}
